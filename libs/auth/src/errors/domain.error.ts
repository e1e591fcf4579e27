import { ErrorCode } from './error-code';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * An expected failure of a domain operation: a stable code and a sentence for humans, no HTTP status.
 * `details` carries extra, non-secret facts a client can use (attempts left, an estimated clock offset).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(errors: FieldError[]): DomainError {
    return new DomainError('validation_failed', 'The request has invalid fields.', { errors });
  }

  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what} was not found.`);
  }
}
