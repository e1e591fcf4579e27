import type { MessageKey } from '@sitepass/i18n';
import type { Response } from 'express';
import { localPath } from '../page-context';

/** WEB-4: the account security page; every form of it posts under this path and comes back to it. */
export const ACCOUNT = '/account/security';

/** The factor types the account page has enrollment pages for (`/account/security/<type>`). */
export const ENROLLED_HERE: readonly string[] = ['totp', 'sms', 'webauthn'];

/** What a successful form did, said by the page it redirects to (`?done=`): a closed list, never free text. */
const DONE_NOTICES = {
  factor_added: 'page.account.done.factor_added',
  factor_changed: 'page.account.done.factor_changed',
  factor_removed: 'page.account.done.factor_removed',
  test_message: 'page.account.done.test_message',
  recovery_code: 'page.account.done.recovery_code',
  device_revoked: 'page.account.done.device_revoked',
  devices_revoked: 'page.account.done.devices_revoked',
  language: 'page.account.done.language',
} as const satisfies Record<string, MessageKey>;

export type Done = keyof typeof DONE_NOTICES;

/** The notice of a `done` value, or undefined for anything else. */
export function doneNotice(value: unknown): MessageKey | undefined {
  return typeof value === 'string' && Object.hasOwn(DONE_NOTICES, value) ? DONE_NOTICES[value as Done] : undefined;
}

/** POST-redirect-GET: back to the account page, which says what was done. */
export function backToAccount(response: Response, done: Done): void {
  response.redirect(303, `${ACCOUNT}?done=${done}`);
}

/** A page of the account to come back to after re-verification: only paths of the account page itself. */
export function accountReturnPath(value: unknown): string {
  const path = localPath(value);
  return path && (path === ACCOUNT || path.startsWith(`${ACCOUNT}/`) || path.startsWith(`${ACCOUNT}?`)) ? path : ACCOUNT;
}

/**
 * POL-8: the change needs an MFA check from the last 10 minutes. The person proves a factor on the
 * re-verification page, which then sends them back to `returnTo`, the form they were filling in.
 */
export function reverify(response: Response, returnTo: string): void {
  response.redirect(303, `${ACCOUNT}/verify?return=${encodeURIComponent(returnTo)}`);
}

/** The form page to go back to once verified, with its notice that the check is done. */
export function afterReverification(returnTo: string): string {
  return `${returnTo}${returnTo.includes('?') ? '&' : '?'}verified=1`;
}
