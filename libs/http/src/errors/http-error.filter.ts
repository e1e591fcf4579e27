import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { DomainError } from '@sitepass/auth';
import type { Request, Response } from 'express';
import { describeError } from './error-body';
import { renderErrorPage } from './error-page';
import { isPagesRequest, pagesOptionsOf } from '../pages/pages-request';
import { requestIdOf } from '../setup/request-id';

/** The app's one exception filter: domain errors and framework errors become the spec's error body. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(error, http.getRequest<Request>(), http.getResponse<Response>(), this.logger);
  }
}

/**
 * One status, code and message per error for both variants of the edge: the API answers the JSON body, a
 * pages request the same status and Retry-After with an HTML page of the message and request id.
 */
export function sendError(error: unknown, request: Request, response: Response, logger: Logger): void {
  const { status, body, retryAfterSeconds } = describeError(error);
  // A domain error that answers 5xx is a known state of a dependency (503), not a bug: no stack trace.
  if (status >= 500 && error instanceof DomainError) logger.warn(`${body.code}: ${body.message}`);
  else if (status >= 500) logger.error(error instanceof Error ? error : String(error));
  if (response.headersSent) return;
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
  response.send(renderErrorPage({ status, message: body.message, requestId }));
}
