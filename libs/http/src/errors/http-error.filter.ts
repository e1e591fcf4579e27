import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { DomainError } from '@sitepass/auth';
import { DEFAULT_LOCALE, MessageKey, translate } from '@sitepass/i18n';
import type { Request, Response } from 'express';
import { describeError, isDependencyOutage } from './error-body';
import { renderErrorPage } from './error-page';
import { RequestLocales } from '../i18n/request-locales';
import { isPagesRequest, pagesOptionsOf } from '../pages/pages-request';
import { requestIdOf } from '../setup/request-id';

/** The app's one exception filter: domain errors and framework errors become the spec's error body. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  constructor(private readonly locales: RequestLocales) {}

  catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    return sendError(error, http.getRequest<Request>(), http.getResponse<Response>(), this.logger, this.locales);
  }
}

/**
 * One status, code and message per error for both variants of the edge: the API answers the JSON body, a
 * pages request the same status and Retry-After with an HTML page of the message and request id. The message
 * is in the request's language (I18N-1, I18N-2); logs keep English.
 */
export async function sendError(
  error: unknown,
  request: Request,
  response: Response,
  logger: Logger,
  locales: RequestLocales,
): Promise<void> {
  // A domain error that answers 5xx, or PostgreSQL or Redis out of reach, is a known state of a dependency
  // (503), not a bug: one line, no stack trace.
  const { status } = describeError(error);
  const outage = isDependencyOutage(error);
  if (status >= 500 && error instanceof DomainError) logger.warn(`${error.code}: ${error.message}`);
  else if (outage) logger.warn(`service_unavailable: ${(error as Error).message}`);
  else if (status >= 500) logger.error(error instanceof Error ? error : String(error));
  // During an outage the answer must not wait on the database for the user's saved language (REL-2).
  const locale = await (outage ? locales.ofHeaders(request) : locales.of(request)).catch(() => DEFAULT_LOCALE);
  if (response.headersSent) return;
  const { body, retryAfterSeconds } = describeError(error, locale);
  if (retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(retryAfterSeconds));
  const requestId = requestIdOf(request);
  if (!isPagesRequest(request)) {
    response.status(status).json({ ...body, requestId });
    return;
  }
  const signInPath = pagesOptionsOf(request)?.signInPath;
  if (status === 401 && signInPath && request.method === 'GET') {
    // A page for signed-in people, opened without a live page session: sign in, then come back.
    response.redirect(303, `${signInPath}?next=${encodeURIComponent(request.originalUrl)}`);
    return;
  }
  response.status(status).setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Content-Language', locale);
  const title = translate(locale, PAGE_TITLES[status] ?? 'page.error.title.other');
  const requestIdLabel = translate(locale, 'page.error.request_id');
  response.send(renderErrorPage({ status, message: body.message, requestId, lang: locale, title, requestIdLabel }));
}

/** The error page's heading for each status the edge answers; others are "Error". */
const PAGE_TITLES: Partial<Record<number, MessageKey>> = {
  400: 'page.error.title.400',
  401: 'page.error.title.401',
  403: 'page.error.title.403',
  404: 'page.error.title.404',
  409: 'page.error.title.409',
  413: 'page.error.title.413',
  415: 'page.error.title.415',
  422: 'page.error.title.422',
  429: 'page.error.title.429',
  500: 'page.error.title.500',
  503: 'page.error.title.503',
};
