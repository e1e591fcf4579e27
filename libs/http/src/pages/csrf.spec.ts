import { DomainError } from '@sitepass/auth';
import { KeyedHasher } from '@sitepass/common';
import type { CookieOptions, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { CSRF_COOKIE, CsrfProtection, csrfTokenFor } from './csrf';
import { markPagesRequests } from './pages-request';

const hasher = new KeyedHasher(randomBytes(32));
const protection = new CsrfProtection(hasher);
const SECRET = 'A'.repeat(43);

interface FakeRequest {
  method?: string;
  path?: string;
  cookie?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

function request({ method = 'POST', path = '/pages/form', cookie, headers = {}, body }: FakeRequest): Request {
  const all: Record<string, string | undefined> = { ...headers, cookie };
  const fake = { method, path, body, header: (name: string) => all[name.toLowerCase()] } as unknown as Request;
  markPagesRequests({ prefixes: ['/pages'] })(fake, {} as never, () => undefined);
  return fake;
}

function response(): Response & { set: Array<[string, string, CookieOptions]> } {
  const set: Array<[string, string, CookieOptions]> = [];
  return { set, cookie: (name: string, value: string, options: CookieOptions) => set.push([name, value, options]) } as never;
}

/** What the middleware passes on: undefined to go on, or the error it refuses with. */
function checked(fake: Request): unknown {
  let passed: unknown = 'not called';
  protection.check(fake, response(), (error?: unknown) => (passed = error));
  return passed;
}

describe('CSRF protection of the pages', () => {
  it('WEB-7 issues a random __Host- cookie once per browser, and a token that is its HMAC', () => {
    const first = request({ method: 'GET' });
    const answer = response();
    expect(checked(first)).toBeUndefined();
    const token = csrfTokenFor(first, answer);
    expect(csrfTokenFor(first, answer)).toBe(token);
    expect(answer.set).toHaveLength(1);
    const [name, secret, options] = answer.set[0]!;
    expect(name).toBe(CSRF_COOKIE);
    expect(name.startsWith('__Host-')).toBe(true);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(options).toEqual({ secure: true, httpOnly: true, sameSite: 'lax', path: '/' });
    expect(token).not.toContain(secret);
    expect(hasher.matches('csrf-token', secret, token)).toBe(true);

    const returning = request({ method: 'GET', cookie: `${CSRF_COOKIE}=${secret}` });
    const again = response();
    expect(protection.tokenFor(returning, again)).toBe(token);
    expect(again.set).toHaveLength(0);
  });

  it('WEB-7 replaces a malformed cookie rather than signing what the browser sent', () => {
    const answer = response();
    protection.tokenFor(request({ method: 'GET', cookie: `${CSRF_COOKIE}=short` }), answer);
    expect(answer.set[0]![1]).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('WEB-7 lets safe methods through and refuses every other method without the token of the cookie', () => {
    const cookie = `${CSRF_COOKIE}=${SECRET}`;
    const token = protection.tokenFor(request({ method: 'GET', cookie }), response());
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(checked(request({ method }))).toBeUndefined();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND']) {
      const refusal = checked(request({ method, cookie, body: {} }));
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ code: 'csrf_failed' });
      expect(checked(request({ method, cookie, body: { _csrf: token } }))).toBeUndefined();
    }
  });

  it('WEB-7 refuses a missing cookie, a missing, wrong, repeated or foreign token, and a token sent as the cookie', () => {
    const cookie = `${CSRF_COOKIE}=${SECRET}`;
    const token = protection.tokenFor(request({ method: 'GET', cookie }), response());
    const otherToken = protection.tokenFor(request({ method: 'GET', cookie: `${CSRF_COOKIE}=${'B'.repeat(43)}` }), response());
    const foreignKey = new CsrfProtection(new KeyedHasher(randomBytes(32))).tokenFor(request({ method: 'GET', cookie }), response());
    const refused: FakeRequest[] = [
      { body: { _csrf: token } },
      { cookie, body: {} },
      { cookie, body: { _csrf: '' } },
      { cookie, body: { _csrf: token.slice(0, -1) } },
      { cookie, body: { _csrf: otherToken } },
      { cookie, body: { _csrf: foreignKey } },
      { cookie, body: { _csrf: [token, token] } },
      { cookie, body: { _csrf: SECRET } },
      { cookie: `${CSRF_COOKIE}=${token}`, body: { _csrf: token } },
    ];
    for (const fake of refused) expect(checked(request(fake))).toMatchObject({ code: 'csrf_failed' });
  });

  it('WEB-7 takes the token from the X-CSRF-Token header too, and the _csrf field out of the body it checked', () => {
    const cookie = `${CSRF_COOKIE}=${SECRET}`;
    const token = protection.tokenFor(request({ method: 'GET', cookie }), response());
    expect(checked(request({ cookie, headers: { 'x-csrf-token': token } }))).toBeUndefined();
    const form = request({ cookie, body: { _csrf: token, code: '123456' } });
    expect(checked(form)).toBeUndefined();
    expect(form.body).toEqual({ code: '123456' });
  });

  it('WEB-7 PAY-11 exempts POSTs to the declared cross-site paths only, exactly, and nothing else of theirs', () => {
    const exempting = new CsrfProtection(hasher, ['/pages/sso/callback']);
    const run = (fake: Request): unknown => {
      let passed: unknown = 'not called';
      exempting.check(fake, response(), (error?: unknown) => (passed = error));
      return passed;
    };
    expect(run(request({ path: '/pages/sso/callback', body: {} }))).toBeUndefined();
    expect(run(request({ path: '/PAGES/SSO/Callback', body: {} }))).toBeUndefined();
    for (const path of ['/pages/sso/callback/', '/pages/sso/callbackx', '/pages/sso', '/pages/form']) {
      expect(run(request({ path, body: {} }))).toMatchObject({ code: 'csrf_failed' });
    }
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect(run(request({ method, path: '/pages/sso/callback', body: {} }))).toMatchObject({ code: 'csrf_failed' });
    }
  });

  it('WEB-7 issues no token for an API request', () => {
    expect(() => csrfTokenFor(request({ method: 'GET', path: '/v1/sessions' }), response())).toThrow(/pages requests only/);
  });
});
