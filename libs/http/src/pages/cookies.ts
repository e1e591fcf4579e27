import type { CookieOptions, Request } from 'express';
import { isPagesRequest } from './pages-request';

/**
 * WEB-7's cookie attributes. The `__Host-` prefix makes browsers refuse the cookie unless it is Secure, has
 * Path=/ and no Domain: no subdomain and no plain-HTTP page can plant one. HttpOnly keeps it from scripts;
 * SameSite=Lax keeps it off cross-site subrequests and form posts.
 */
export const HOST_COOKIE_OPTIONS: CookieOptions = { secure: true, httpOnly: true, sameSite: 'lax', path: '/' };

/** The cookie a hosted sign-in page keeps the mfaToken in (SES-8): read on pages requests only. */
export const MFA_TOKEN_COOKIE = '__Host-sitepass-mfa';

/**
 * The cookies of a signed-in page session (WEB-7): its access token and its refresh token, one pair per
 * product. Cookies are scoped by host, not port, so the standard app and Pay on one host need their own names.
 */
export function pageSessionCookies(audience: 'standard' | 'pay'): { access: string; refresh: string } {
  return { access: `__Host-sitepass-${audience}-session`, refresh: `__Host-sitepass-${audience}-refresh` };
}

const COOKIES = Symbol('cookies');
const NO_COOKIES: ReadonlyMap<string, string> = new Map();

/**
 * The cookies of a pages request; none for an API request, whatever it sends: a cookie rides along on
 * cross-site requests, so without the pages' CSRF check it must never authenticate the JSON API.
 */
export function cookiesOf(request: Request): ReadonlyMap<string, string> {
  if (!isPagesRequest(request)) return NO_COOKIES;
  const parsed = request as Request & { [COOKIES]?: ReadonlyMap<string, string> };
  return (parsed[COOKIES] ??= parseCookieHeader(request.header('cookie')));
}

/** Replaces a cookie for the rest of this request (a page session refreshed before the guard reads it). */
export function replaceRequestCookie(request: Request, name: string, value: string | undefined): void {
  const cookies = new Map(cookiesOf(request));
  if (value === undefined) cookies.delete(name);
  else cookies.set(name, value);
  (request as Request & { [COOKIES]?: ReadonlyMap<string, string> })[COOKIES] = cookies;
}

/**
 * A Cookie header as browsers send it (RFC 6265 §4.2): `name=value` pairs split on `;`. The first of a repeated
 * name wins (browsers send the most specific path first), a quoted value loses its quotes, and a value is
 * percent-decoded when it decodes. A Map, so a cookie named `__proto__` is only a name. Written here because
 * the `cookie` package is no direct dependency, and this is all the pages need of it.
 */
export function parseCookieHeader(header: string | undefined): ReadonlyMap<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const name = pair.slice(0, equals).trim();
    if (!name || cookies.has(name)) continue;
    cookies.set(name, decode(unquote(pair.slice(equals + 1).trim())));
  }
  return cookies;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
