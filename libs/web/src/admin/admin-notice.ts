import { cookiesOf, HOST_COOKIE_OPTIONS } from '@sitepass/http';
import type { Request, Response } from 'express';

/** What a console form did, told once on the page its redirect leads to (WEB-5, WEB-9: POST, redirect, GET). */
export type AdminNotice =
  { kind: 'policy_saved' } | { kind: 'member_reset'; email: string; factorsRevoked: number; sessionsRevoked: number };

/**
 * The notice rides in a `__Host-` cookie for the one redirect: only this host's responses can set such a
 * cookie and scripts cannot read it, so a link from elsewhere can neither forge a "reset done" notice nor
 * learn whom an admin reset (an address in the URL would also sit in logs and the browser's history).
 */
const NOTICE_COOKIE = '__Host-sitepass-admin-notice';
const NOTICE_MAX_AGE_MS = 60 * 1000;

export function leaveNotice(response: Response, notice: AdminNotice): void {
  const value = Buffer.from(JSON.stringify(notice)).toString('base64url');
  response.cookie(NOTICE_COOKIE, value, { ...HOST_COOKIE_OPTIONS, maxAge: NOTICE_MAX_AGE_MS });
}

/** The notice left by the last form, which this page shows and so ends; undefined when there is none. */
export function takeNotice(request: Request, response: Response): AdminNotice | undefined {
  const value = cookiesOf(request).get(NOTICE_COOKIE);
  if (!value) return undefined;
  response.clearCookie(NOTICE_COOKIE, HOST_COOKIE_OPTIONS);
  try {
    return noticeOf(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

function noticeOf(value: Record<string, unknown>): AdminNotice | undefined {
  if (value.kind === 'policy_saved') return { kind: 'policy_saved' };
  const { email, factorsRevoked, sessionsRevoked } = value;
  if (
    value.kind === 'member_reset' &&
    typeof email === 'string' &&
    typeof factorsRevoked === 'number' &&
    typeof sessionsRevoked === 'number'
  )
    return { kind: 'member_reset', email, factorsRevoked, sessionsRevoked };
  return undefined;
}
