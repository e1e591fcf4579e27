import { INestApplication, Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Metrics, requestContext } from '@sitepass/common';
import { SitepassConfig } from '@sitepass/config';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
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
 * Everything both HTTP apps do the same way at the edge, in order: request ids, security headers,
 * client IPs from trusted proxies only, a 16 KiB JSON body limit, request context for logs and audit,
 * metrics and access logs, validation, the error filter, and the OpenAPI document at /docs.
 * The app must be created with `bodyParser: false` so that the parser runs after the request id is set.
 */
export function configureHttpApp(app: NestExpressApplication, config: SitepassConfig, document: ApiDocument): INestApplication {
  const logger = new Logger('Http');
  const metrics = app.get(Metrics);
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  app.disable('x-powered-by');
  app.use(assignRequestId);
  app.use(helmet());
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: true });
  // Parser errors (bad JSON, body too large) never reach Nest's filters: answer them here, as JSON.
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => sendError(error, request, response, logger));
  app.use((request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    // Responses carry tokens and personal data: no cache may keep them (RFC 6749 §5.1). JWKS opts out.
    response.setHeader('Cache-Control', 'no-store');
    response.on('finish', () => recordRequest(request, response, started, metrics, logger));
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
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

function recordRequest(request: Request, response: Response, started: bigint, metrics: Metrics, logger: Logger): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
  metrics.httpRequestDuration.observe({ method: request.method, route, status: String(response.statusCode) }, seconds);
  logger.log({
    msg: 'request completed',
    requestId: requestIdOf(request),
    method: request.method,
    route,
    status: response.statusCode,
    durationMs: Math.round(seconds * 1000),
  });
}
