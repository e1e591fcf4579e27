import { DomainError } from '@sitepass/auth';
import { ERROR_HTTP_STATUS } from '@sitepass/http';
import type { PageContext } from './layout';

/** The time help of TOTP-7: how far off the phone's clock seems (WEB-1). */
export interface ClockSkew {
  direction: 'ahead' | 'behind';
  minutes: number;
}

/** The error's message in the page's language (I18N-1), or its field problems when it names fields. */
export function messageOf(context: PageContext, error: DomainError): string {
  const worded = error.wordedIn(context.locale);
  const fieldErrors = (worded.details.errors as Array<{ message: string }> | undefined) ?? [];
  return fieldErrors.length > 0 ? fieldErrors.map((problem) => problem.message).join(' ') : worded.message;
}

/** A wrong code's message with the attempts left (LOGIN-5); other errors' messages as they are. */
export function codeErrorMessage(context: PageContext, error: DomainError): string {
  const left = error.details.attemptsLeft;
  const message = messageOf(context, error);
  return error.code === 'verification_failed' && typeof left === 'number'
    ? `${message} ${context.t('page.verify.attempts_left', { count: left })}`
    : message;
}

export function skewOf(error: DomainError): ClockSkew | undefined {
  if (error.code !== 'clock_skew_suspected') return undefined;
  const offset = error.details.clockOffset as { direction?: 'ahead' | 'behind'; minutes?: number } | undefined;
  return offset?.direction && offset.minutes !== undefined ? { direction: offset.direction, minutes: offset.minutes } : undefined;
}

/**
 * When another code may be asked for after a refused one: the challenge's own time (SMS-5's cooldown), or later
 * when the refusal says to wait longer (SMS-11's backoff), so that the resend countdown tells the truth.
 */
export function resendAvailableAfter(resendAvailableAt: string | undefined, error: DomainError, now: number): string | undefined {
  if (error.retryAfterSeconds === undefined) return resendAvailableAt;
  const waited = now + error.retryAfterSeconds * 1000;
  return resendAvailableAt && Date.parse(resendAvailableAt) > waited ? resendAvailableAt : new Date(waited).toISOString();
}

/** The status the JSON API answers for the error: a page re-rendered with it answers the same. */
export function statusOf(error: DomainError): number {
  return ERROR_HTTP_STATUS[error.code];
}

/** Only domain errors become words on a page; anything else is a bug for the error filter. */
export function asDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  throw error;
}
