import { DomainError, ErrorCode } from '@sitepass/auth';
import { HttpException, HttpStatus } from '@nestjs/common';
import { ERROR_HTTP_STATUS } from './error-status.map';

export interface ErrorResponse {
  status: number;
  body: Record<string, unknown> & { code: ErrorCode; message: string };
  retryAfterSeconds?: number;
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'validation_failed',
  401: 'authentication_required',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_attempts',
};

/** The spec's error body: `{ code, message, requestId }`, plus the error's details (field errors…). */
export function describeError(error: unknown): ErrorResponse {
  if (error instanceof DomainError) {
    return {
      status: ERROR_HTTP_STATUS[error.code],
      body: { code: error.code, message: error.message, ...error.details },
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  const status = httpStatusOf(error);
  const code = status !== undefined ? STATUS_CODES[status] : undefined;
  if (status !== undefined && code) {
    if (isJsonSyntaxError(error)) return { status, body: { code: 'invalid_json', message: 'The request body is not valid JSON.' } };
    return { status, body: { code, message: messageFor(code) } };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { code: 'internal_error', message: 'Something went wrong on our side. Try again later.' },
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

function messageFor(code: ErrorCode): string {
  switch (code) {
    case 'not_found':
      return 'There is nothing at this address.';
    case 'payload_too_large':
      return 'The request body is larger than 16 KiB.';
    case 'unsupported_media_type':
      return 'The request body has a charset or content encoding this service does not read.';
    case 'authentication_required':
      return 'This request needs authentication.';
    case 'too_many_attempts':
      return 'Too many requests. Try again later.';
    case 'forbidden':
      return 'You may not do this.';
    default:
      return 'The request is not valid.';
  }
}
