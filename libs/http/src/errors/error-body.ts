import { DomainError, ErrorCode, ErrorMessageKey } from '@sitepass/auth';
import { HttpException, HttpStatus } from '@nestjs/common';
import { isRedisUnavailable } from '@sitepass/common';
import { isDatabaseUnavailable } from '@sitepass/database';
import { DEFAULT_LOCALE, Locale, translate } from '@sitepass/i18n';
import { ERROR_HTTP_STATUS } from './error-status.map';

export interface ErrorResponse {
  status: number;
  body: Record<string, unknown> & { code: ErrorCode; message: string };
  retryAfterSeconds?: number;
}

/** The Retry-After of a 503 while PostgreSQL or Redis cannot serve (REL-2): about as long as a restart takes. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** Whether the error says that PostgreSQL or Redis cannot serve now, rather than that something is broken (REL-2). */
export function isDependencyOutage(error: unknown): boolean {
  return isDatabaseUnavailable(error) || isRedisUnavailable(error);
}

/** The code and message of a framework error, by its status. */
const STATUS_CODES: Partial<Record<number, { code: ErrorCode; message: ErrorMessageKey }>> = {
  400: { code: 'validation_failed', message: 'error.validation_failed.request' },
  401: { code: 'authentication_required', message: 'error.authentication_required' },
  403: { code: 'forbidden', message: 'error.forbidden' },
  404: { code: 'not_found', message: 'error.not_found' },
  413: { code: 'payload_too_large', message: 'error.payload_too_large' },
  415: { code: 'unsupported_media_type', message: 'error.unsupported_media_type' },
  429: { code: 'too_many_attempts', message: 'error.too_many_attempts' },
};

/**
 * The spec's error body: `{ code, message, requestId }`, plus the error's details (field errors…). The
 * message and the details that are sentences are in `locale`; the code, the status and the body's fields
 * are the same in every language (I18N-5). An error of PostgreSQL or Redis being unreachable is `503
 * service_unavailable` with Retry-After (REL-2); any other error that is not a domain error is a 500.
 */
export function describeError(error: unknown, locale: Locale = DEFAULT_LOCALE): ErrorResponse {
  if (error instanceof DomainError) {
    const { message, details } = error.wordedIn(locale);
    const status = ERROR_HTTP_STATUS[error.code];
    // Every 503 says when to come back: a dependency's own estimate, or the outage default.
    const retryAfterSeconds =
      error.retryAfterSeconds ?? (status === HttpStatus.SERVICE_UNAVAILABLE ? OUTAGE_RETRY_AFTER_SECONDS : undefined);
    return { status, body: { code: error.code, message, ...details }, retryAfterSeconds };
  }
  if (isDependencyOutage(error)) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: { code: 'service_unavailable', message: translate(locale, 'error.service_unavailable') },
      retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
    };
  }
  const status = httpStatusOf(error);
  const known = status !== undefined ? STATUS_CODES[status] : undefined;
  if (status !== undefined && known) {
    if (isJsonSyntaxError(error)) return { status, body: { code: 'invalid_json', message: translate(locale, 'error.invalid_json') } };
    return { status, body: { code: known.code, message: translate(locale, known.message) } };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { code: 'internal_error', message: translate(locale, 'error.internal_error') },
  };
}

/** Nest's HttpExceptions and the errors body-parser raises (status on the error) both carry a 4xx. */
function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function isJsonSyntaxError(error: unknown): boolean {
  return (error as { type?: string } | null)?.type === 'entity.parse.failed';
}
