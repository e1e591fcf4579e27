import { INestApplication, Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ApiExcludeController, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { DomainError } from '@sitepass/auth';
import { JsonLogger, KeyedHasher, Metrics, requestContext } from '@sitepass/common';
import { SitepassConfig } from '@sitepass/config';
import { GracefulShutdown, HealthController } from '@sitepass/health';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { HttpErrorFilter, sendError } from '../errors/http-error.filter';
import { RequestLocales } from '../i18n/request-locales';
import { StrictValidationPipe } from '../errors/validation.pipe';
import { usePagesEdge } from '../pages/pages-edge';
import { markPagesRequests, PagesOptions, pagesPathMatcher } from '../pages/pages-request';
import { assignRequestId, requestIdOf } from './request-id';

export interface ApiDocument {
  title: string;
  description: string;
}

export interface EdgeOptions {
  /** Serve hosted pages under these prefixes with the pages variant; off unless given. */
  pages?: PagesOptions;
}

/** Body limit of SEC-2, for JSON and form bodies alike. */
const BODY_LIMIT = '16kb';

/**
 * The HTTP edge of an app, in two variants that share one base. Every request gets, in order: a request id,
 * a log line, security headers, its client IP from trusted proxies only, a 16 KiB body limit, request context
 * for logs and audit, metrics, `Cache-Control: no-store`, validation and the one error filter; rate limits
 * (libs/auth) apply inside the services, to both variants alike.
 *
 * - The API variant, every path not under a pages prefix: JSON bodies only, errors as the JSON error body,
 *   bearer tokens only, and the OpenAPI document at /docs, which lists API paths only.
 * - The pages variant, with `options.pages`, for paths under its prefixes: form bodies as well as JSON, cookies,
 *   the CSRF check of unsafe methods (csrfTokenFor() issues a page's token), errors as HTML pages with the
 *   same status, and the mfaToken from its `__Host-` cookie (pages/).
 *
 * The app must be created with `bodyParser: false` so that the parsers run after the request id is set.
 */
export function configureHttpApp(
  app: NestExpressApplication,
  config: SitepassConfig,
  document: ApiDocument,
  options: EdgeOptions = {},
): INestApplication {
  const logger = new Logger('Http');
  const metrics = app.get(Metrics);
  const locales = app.get(RequestLocales);
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  app.disable('x-powered-by');
  app.use(assignRequestId);
  app.use(requestLogging(config));
  app.use(refuseWhileDraining(app.get(GracefulShutdown), logger, locales));
  app.use(helmet());
  // The variant is decided before any body is read: parsers, CSRF, errors and guards ask isPagesRequest().
  if (options.pages) app.use(markPagesRequests(options.pages));
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: true });
  if (options.pages) usePagesEdge(app, app.get(KeyedHasher), BODY_LIMIT, config.webReturnUrls, options.pages);
  // Parser errors (bad JSON, body too large) and CSRF refusals never reach Nest's filters: answer them here,
  // as JSON, or as an HTML page on a pages request.
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) =>
    sendError(error, request, response, logger, locales),
  );
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
  app.useGlobalFilters(new HttpErrorFilter(locales));
  // SIGTERM drains (GracefulShutdown), then the process exits with status 0 (REL-6).
  app.enableShutdownHooks([], { useProcessExit: true });
  publishApiDocument(app, document, options.pages);
  return app;
}

/**
 * REL-6: a request that arrives while the process drains (on a connection opened before SIGTERM) is refused
 * with `503 service_unavailable` and `Connection: close`, so that the client tries another instance at once.
 */
function refuseWhileDraining(shutdown: GracefulShutdown, logger: Logger, locales: RequestLocales): RequestHandler {
  return (request, response, next) => {
    if (!shutdown.draining) return next();
    response.setHeader('Connection', 'close');
    void sendError(DomainError.of('error.service_unavailable', {}, { retryAfterSeconds: 1 }), request, response, logger, locales);
  };
}

/** The API variant's OpenAPI document at /docs: the JSON API only, so pages never show up in it. */
function publishApiDocument(app: NestExpressApplication, document: ApiDocument, pages: PagesOptions | undefined): void {
  const openApi = new DocumentBuilder()
    .setTitle(document.title)
    .setDescription(document.description)
    .setVersion('1')
    .addBearerAuth()
    .build();
  // Health and metrics are for the platform's probes, not the API's clients; libs/health has no Swagger (the worker's size).
  ApiExcludeController()(HealthController);
  const isPagesPath = pages ? pagesPathMatcher(pages) : () => false;
  const apiOnly = (built: OpenAPIObject): OpenAPIObject => ({
    ...built,
    paths: Object.fromEntries(Object.entries(built.paths).filter(([path]) => !isPagesPath(path))),
  });
  SwaggerModule.setup('docs', app, () => apiOnly(SwaggerModule.createDocument(app, openApi)), { jsonDocumentUrl: 'docs/openapi.json' });
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
  // pino-http builds a child logger per request even when its lines are dropped: at warn and above, skip it.
  if (!logger.pino.isLevelEnabled('info')) return (_request, _response, next) => next();
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
