import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Caller, DomainError } from '@sitepass/auth';
import { MfaTokenAuth, Public } from '@sitepass/common';
import { CSRF_COOKIE, CsrfToken, CurrentCaller, MFA_TOKEN_COOKIE } from '@sitepass/http';
import { IsString, MaxLength } from 'class-validator';
import { createUser, signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { ApiResponse } from '../support/http-client';

class ProbeFormDto {
  @IsString()
  @MaxLength(100)
  name!: string;
}

const HOSTILE_MESSAGE = `<script>alert("x")</script> & 'retry'`;

/**
 * No product page exists yet (WEB-1…WEB-6 are planned): this test-only controller stands in for one, under
 * the pages prefix, with API twins outside it, so the edge's two variants can be compared on one app.
 */
@Controller()
class EdgeProbeController {
  @Public()
  @Get('pages/probe/form')
  form(@CsrfToken() csrfToken: string) {
    return { csrfToken };
  }

  @Public()
  @Post('pages/probe/form')
  @HttpCode(200)
  submit(@Body() body: ProbeFormDto) {
    return { received: body };
  }

  @Public()
  @Get(['pages/probe/failure', 'v1/edge-probe/failure'])
  failure(): never {
    throw new DomainError('too_many_attempts', HOSTILE_MESSAGE, { attemptsLeft: 0 }, 42);
  }

  @MfaTokenAuth()
  @Get(['pages/probe/sign-in', 'v1/edge-probe/sign-in'])
  signIn(@CurrentCaller() caller: Caller) {
    return { userId: caller.userId };
  }
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HTML = 'text/html; charset=utf-8';

describe('the HTTP edge with hosted pages', () => {
  const env = useTestEnvironment();
  let started: Promise<RunningApp>;
  // One app for the file, started before the first test resets the environment: it is closed with the file.
  beforeAll(() => (started = env.start('standard', {}, { pages: { prefixes: ['/pages'] }, controllers: [EdgeProbeController] })));

  /** A browser's first visit to a page: its CSRF cookie (as the Cookie header would carry it) and the page's token. */
  async function visitForm(app: RunningApp): Promise<{ cookie: string; token: string }> {
    const page = await app.http.get('/pages/probe/form');
    expect(page.status).toBe(200);
    const setCookie = page.headers.getSetCookie();
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(new RegExp(`^${CSRF_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; Secure; SameSite=Lax$`));
    return { cookie: setCookie[0]!.split(';')[0]!, token: page.body.csrfToken as string };
  }

  function expectHtmlError(response: ApiResponse, status: number): string {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(HTML);
    const page = response.body as string;
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).toContain(`<code>${response.headers.get('x-request-id')}</code>`);
    return page;
  }

  it('WEB-7 SEC-2 reads a form body under the pages prefix once its CSRF token checks out, and JSON too', async () => {
    const app = await started;
    const { cookie, token } = await visitForm(app);
    const form = await app.http.post('/pages/probe/form', undefined, {
      rawBody: `name=Zo%C3%AB+Lee&_csrf=${encodeURIComponent(token)}`,
      headers: { ...FORM, cookie },
    });
    expect(form.status).toBe(200);
    expect(form.body).toEqual({ received: { name: 'Zoë Lee' } });
    expect(form.headers.get('cache-control')).toBe('no-store');
    const json = await app.http.post('/pages/probe/form', { name: 'Ann', _csrf: token }, { headers: { cookie } });
    expect(json.body).toEqual({ received: { name: 'Ann' } });
    const header = await app.http.post('/pages/probe/form', { name: 'Bo' }, { headers: { cookie, 'x-csrf-token': token } });
    expect(header.body).toEqual({ received: { name: 'Bo' } });
    // The same browser keeps its cookie, and the page its token.
    const again = await app.http.get('/pages/probe/form', { headers: { cookie } });
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(again.body.csrfToken).toBe(token);
  });

  it('WEB-7 refuses an unsafe request under the prefix without, with a wrong, or with another browser’s CSRF token: 403 csrf_failed as a page', async () => {
    const app = await started;
    const mine = await visitForm(app);
    const theirs = await visitForm(app);
    const attempts: Array<{ path?: string; method?: string; body: string; cookie?: string }> = [
      { body: 'name=a', cookie: mine.cookie },
      { body: `name=a&_csrf=${encodeURIComponent(mine.token)}` },
      { body: `name=a&_csrf=${encodeURIComponent(theirs.token)}`, cookie: mine.cookie },
      { body: `name=a&_csrf=${encodeURIComponent(mine.token.slice(1))}x`, cookie: mine.cookie },
      { body: 'name=a&_csrf=', cookie: `${CSRF_COOKIE}=${mine.token}` },
      // Express routes ignore case: /PAGES/… reaches the page handler, so it gets the page's check.
      { path: '/PAGES/probe/form', body: 'name=a', cookie: mine.cookie },
      { method: 'DELETE', body: '', cookie: mine.cookie },
      { method: 'PUT', body: '', cookie: mine.cookie },
    ];
    for (const { path = '/pages/probe/form', method = 'POST', body, cookie } of attempts) {
      const response = await app.http.request(method, path, { rawBody: body, headers: { ...FORM, ...(cookie ? { cookie } : {}) } });
      const page = expectHtmlError(response, 403);
      expect(page).toContain('<title>Forbidden</title>');
      expect(page).toContain('This form has expired or was not sent from this site.');
    }
    // A percent-encoded path is no way round it: the router does not decode it into the page either.
    expect((await app.http.post('/%70ages/probe/form', undefined, { rawBody: 'name=a', headers: FORM })).status).toBe(404);
  });

  it('WEB-7 SEC-4 renders an error under the prefix as an escaped HTML page with its status, Retry-After and request id; the API answers JSON', async () => {
    const app = await started;
    const headers = { 'x-request-id': 'gw-edge.1' };
    const page = await app.http.get('/pages/probe/failure', { headers });
    const html = expectHtmlError(page, 429);
    expect(page.headers.get('retry-after')).toBe('42');
    expect(html).toContain('<title>Too Many Requests</title>');
    expect(html).toContain('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;retry&#39;</p>');
    expect(html).toContain('<code>gw-edge.1</code>');
    expect(html).not.toContain('<script>');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");

    const api = await app.http.get('/v1/edge-probe/failure', { headers });
    expect(api.status).toBe(429);
    expect(api.headers.get('retry-after')).toBe('42');
    expect(api.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(api.body).toEqual({ code: 'too_many_attempts', message: HOSTILE_MESSAGE, attemptsLeft: 0, requestId: 'gw-edge.1' });

    expectHtmlError(await app.http.get('/pages/nothing-here'), 404);
    expect((await app.http.get('/v1/nothing-here')).body).toMatchObject({ code: 'not_found' });
  });

  it('SES-8 WEB-7 takes the mfaToken from its __Host- cookie on pages requests, never on the API', async () => {
    const app = await started;
    const user = await createUser(app, { alwaysRequireMfa: true });
    const { mfaToken } = (await signIn(app, user.email)).body as { mfaToken: string };
    const cookie = `${MFA_TOKEN_COOKIE}=${mfaToken}`;
    expect((await app.http.get('/pages/probe/sign-in', { headers: { cookie } })).body).toEqual({ userId: user.id });
    expect((await app.http.get('/pages/probe/sign-in', { token: mfaToken })).body).toEqual({ userId: user.id });
    expectHtmlError(await app.http.get('/pages/probe/sign-in'), 401);
    expectHtmlError(await app.http.get('/pages/probe/sign-in', { headers: { cookie: `${MFA_TOKEN_COOKIE}=forged` } }), 401);

    const api = await app.http.get('/v1/edge-probe/sign-in', { headers: { cookie } });
    expect(api.status).toBe(401);
    expect(api.body).toMatchObject({ code: 'authentication_required' });
    const redeem = await app.http.post('/v1/recovery-codes/redeem', { code: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01' }, { headers: { cookie } });
    expect(redeem.status).toBe(401);
    expect(redeem.body).toMatchObject({ code: 'authentication_required' });
    const challenge = await app.http.get('/v1/challenges/00000000-0000-4000-8000-000000000000', { headers: { cookie } });
    expect(challenge.body).toMatchObject({ code: 'authentication_required' });
    expect((await app.http.get('/v1/edge-probe/sign-in', { token: mfaToken })).body).toEqual({ userId: user.id });
  });

  it('SEC-2 WEB-7 answers a too-large, malformed or unreadable body under the prefix with a 4xx page, never a 5xx', async () => {
    const app = await started;
    const { cookie, token } = await visitForm(app);
    const csrf = `_csrf=${encodeURIComponent(token)}`;
    const cases: Array<{ body: string; headers?: Record<string, string>; status: number; name?: string }> = [
      { body: `name=${'x'.repeat(17 * 1024)}&${csrf}`, status: 413 },
      { body: `${'a=&'.repeat(1001)}${csrf}`, status: 413 },
      { body: `name=a&${csrf}`, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-16' }, status: 415 },
      { body: '{"name": ', headers: { 'content-type': 'application/json' }, status: 400 },
      { body: `name=%00&${csrf}`, status: 400 },
      { body: `name=a&name=b&${csrf}`, status: 400 },
      { body: `name=a&admin=true&${csrf}`, status: 400 },
      { body: `name[x]=a&${csrf}`, status: 400 },
      // Prototype keys are inert, as in JSON bodies; a stray % is kept as text.
      { body: `__proto__=a&constructor=b&name=c&${csrf}`, status: 200, name: 'c' },
      { body: `name=%E0%A4%A&${csrf}`, status: 200, name: '%E0%A4%A' },
    ];
    for (const { body, headers = FORM, status, name } of cases) {
      const response = await app.http.post('/pages/probe/form', undefined, { rawBody: body, headers: { ...headers, cookie } });
      if (status === 200) expect(response.body).toEqual({ received: { name } });
      else expectHtmlError(response, status);
    }
  });

  it('SEC-2 WEB-7 leaves the JSON API as it was: no form bodies, no pages in the OpenAPI document', async () => {
    const app = await started;
    const user = await createUser(app);
    const plain = await env.standard();
    for (const each of [app, plain]) {
      const form = await each.http.post('/v1/sessions', undefined, { rawBody: `email=${user.email}&password=x`, headers: FORM });
      expect(form.status).toBe(400);
      expect(form.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'body', message: 'The body must be a JSON object.' }],
      });
      expect((await signIn(each, user.email)).body).toMatchObject({ status: 'authenticated' });
    }
    const document = (await app.http.get('/docs/openapi.json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/v1/edge-probe/failure');
    expect(Object.keys(document.paths).filter((path) => path.toLowerCase().startsWith('/pages'))).toEqual([]);
  });
});
