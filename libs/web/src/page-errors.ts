import { DomainError } from '@sitepass/auth';
import { ERROR_HTTP_STATUS } from '@sitepass/http';
import type { PageContext } from './layout';
import type { ClockSkew } from './sign-in/sign-in.views';

/** The error's message in the page's language (I18N-1), or its field problems when it names fields. */
export function messageOf(context: PageContext, error: DomainError): string {
  const worded = error.wordedIn(context.locale);
  const fieldErrors = (worded.details.errors as Array<{ message: string }> | undefined) ?? [];
  return fieldErrors.length > 0 ? fieldErrors.map((problem) => problem.message).join(' ') : worded.message;
}

/** The status a DomainError answers with, on the API and on the pages alike. */
export function statusOf(error: DomainError): number {
  return ERROR_HTTP_STATUS[error.code];
}

/** A wrong code's message with the attempts left (LOGIN-5). */
export function attemptsMessage(context: PageContext, error: DomainError): string {
  const left = error.details.attemptsLeft;
  const message = messageOf(context, error);
  return typeof left === 'number' ? `${message} ${context.t('page.verify.attempts_left', { count: left })}` : message;
}

/** TOTP-7: how far off the phone's clock seems, for the time help beside the code field. */
export function skewOf(error: DomainError): ClockSkew | undefined {
  if (error.code !== 'clock_skew_suspected') return undefined;
  const offset = error.details.clockOffset as { direction?: 'ahead' | 'behind'; minutes?: number } | undefined;
  return offset?.direction && offset.minutes !== undefined ? { direction: offset.direction, minutes: offset.minutes } : undefined;
}
