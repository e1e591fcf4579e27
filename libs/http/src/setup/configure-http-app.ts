import { INestApplication, Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ApiExcludeController, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { JsonLogger, Metrics, requestContext } from '@sitepass/common';
import { SitepassConfig } from '@sitepass/config';
import { HealthController } from '@sitepass/health';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { HttpErrorFilter, sendError } from '../errors/http-error.filter';
import { StrictValidationPipe } from '../errors/validation.pipe';
import { assignRequestId, requestIdOf } from './request-id';

export interface ApiDocument {
  title: string;
  description: string;
}

/** Body limit of SEC-2. */
const BODY_LIMIT = '16kb';

/**
 * Everything both HTTP apps do the same way at the edge, in order: request ids, access logs, security headers,
 * client IPs from trusted proxies only, a 16 KiB JSON body limit, request context for logs and
 * audit, metrics, validation, the error filter, and the OpenAPI document at /docs.
 * The app must be created with `bodyParser: false` so that the parser runs after the request id is set.
 */
export function configureHttpApp(app: NestExpressApplication, config: SitepassConfig, document: ApiDocument): INestApplication {
  const logger = new Logger('Http');
  const metrics = app.get(Metrics);
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  app.disable('x-powered-by');
  app.use(assignRequestId);
  app.use(requestLogging(config));
  app.use(helmet());
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: true });
  // Parser errors (bad JSON, body too large) never reach Nest's filters: answer them here, as JSON.
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => sendError(error, request, response, logger));
  app.use((request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    // Responses carry tokens and personal data: no cache may keep them (RFC 6749 §5.1). JWKS opts out.
    response.setHeader('Cache-Control', 'no-store');
    response.on('finish', () => observeRequest(request, response, started, metrics));
    const context = {
      requestId: requestIdOf(request),
      ip: request.ip ?? null,
      userAgent: request.header('user-agent')?.slice(0, 512) ?? null,
    };
    requestContext.run(context, next);
  });
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle(document.title)
    .setDescription(document.description)
    .setVersion('1')
    .addBearerAuth()
    .build();
  // Health and metrics are for the platform's probes, not the API's clients; libs/health has no Swagger (the worker's size).
  ApiExcludeController()(HealthController);
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/**
 * One line per response (OPS-3), written by pino-http through the app's JsonLogger: request id, method, the
 * route template, status, durationMs, and the request headers with credentials redacted (SEC-1). Never a body,
 * and never the URL, whose query string may carry a code or a token.
 */
function requestLogging(config: SitepassConfig): RequestHandler {
  // The logger main.ts or the test harness gave Nest, reached through Nest's public Logger#localInstance, so
  // request lines share its destination and level; an app given another kind of logger gets its own.
  const appLogger = new Logger('Http').localInstance;
  const logger = appLogger instanceof JsonLogger ? appLogger : new JsonLogger(config.logLevel);
  const line = (request: Request, response: Response, durationMs: number) => ({
    requestId: requestIdOf(request),
    method: request.method,
    route: routeOf(request),
    status: response.statusCode,
    durationMs,
  });
  // pino-http's default message, also for a 5xx: the error filter has already logged the error itself.
  const message = (request: Request, response: Response) =>
    !request.readableAborted && response.writableEnded ? 'request completed' : 'request aborted';
  return pinoHttp<Request, Response>({
    logger: logger.requestLogger(),
    genReqId: (request) => requestIdOf(request),
    serializers: { req: (request: { headers: unknown }) => ({ headers: request.headers }) },
    customSuccessObject: (request, response, logged: { responseTime: number }) => line(request, response, logged.responseTime),
    customErrorObject: (request, response, _error, logged: { responseTime: number }) => line(request, response, logged.responseTime),
    customSuccessMessage: message,
    customErrorMessage: message,
  });
}

function observeRequest(request: Request, response: Response, started: bigint, metrics: Metrics): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  metrics.httpRequestDuration.observe({ method: request.method, route: routeOf(request), status: String(response.statusCode) }, seconds);
}

function routeOf(request: Request): string {
  return (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
}
