import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { DomainError } from '@sitepass/auth';
import type { Request, Response } from 'express';
import { describeError } from './error-body';
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

export function sendError(error: unknown, request: Request, response: Response, logger: Logger): void {
  const { status, body, retryAfterSeconds } = describeError(error);
  // A domain error that answers 5xx is a known state of a dependency (503), not a bug: no stack trace.
  if (status >= 500 && error instanceof DomainError) logger.warn(`${body.code}: ${body.message}`);
  else if (status >= 500) logger.error(error instanceof Error ? error : String(error));
  if (response.headersSent) return;
  if (retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(retryAfterSeconds));
  response.status(status).json({ ...body, requestId: requestIdOf(request) });
}
