import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Company, PayRole, User } from '@sitepass/database';
import { addMember, createCompany, createUser } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { parseForm, TestIdentityProvider } from '../support/oidc-provider';
import { PageClient, PageResponse, visibleText } from '../support/page-client';
import { TEST_RETURN_URL, TEST_SERVICE_TOKEN } from '../support/test-config';
import { decodeQrDataUrl, parseOtpAuthUri, totpCode } from '../support/totp';

const SSO_DOMAIN = 'riverside-sso.example';
const ATTEMPT_COOKIE = '__Host-sitepass-pay-sso';

describe('PAY-11 “Sign in with your company” on the Pay pages: OpenID Connect with form_post, state and nonce', () => {
  const env = useTestEnvironment();
  const providers: TestIdentityProvider[] = [];
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((provider) => provider.stop()));
  });

  /** A Pay company whose SSO_DOMAIN members sign in at its own local provider (DIR-6), and one such member. */
  async function ssoMember(payRoles: PayRole[], payKind: 'payor' | 'payee' = 'payee') {
    const standard = await env.standard();
    const pay = await env.pay();
    const provider = await new TestIdentityProvider(env.clock).start();
    providers.push(provider);
    const company = await createCompany(pay, { payKind, ssoDomains: [SSO_DOMAIN] });
    const saved = await standard.http.put(`/internal/v1/companies/${company.id}/identity-provider`, provider.settings, {
      token: TEST_SERVICE_TOKEN,
    });
    expect(saved.status).toBe(200);
    const user = await member(pay, company, payRoles);
    provider.signedInEmail = user.email;
    return { pay, provider, company, user };
  }

  async function member(pay: RunningApp, company: Company, payRoles: PayRole[]): Promise<User> {
    const user = await createUser(pay, { email: `sam.${randomUUID().slice(0, 8)}@${SSO_DOMAIN}`, password: undefined });
    await addMember(pay, company, user, { role: payRoles.includes('payee_admin') ? 'admin' : 'member', payRoles });
    return user;
  }

  /** "Sign in with your company": the page that leads to the provider, and the authorization request it links to. */
  async function startCompanySignIn(browser: PageClient, email: string): Promise<{ page: PageResponse; authorization: URL }> {
    if (!browser.html) await browser.get('/pay/signin');
    const page = await browser.submit('/pay/signin/sso', { ssoEmail: email });
    expect(page.status).toBe(200);
    const href = /<a class="button" href="([^"]+)" data-auto-continue>/.exec(page.html)?.[1];
    expect(href).toBeDefined();
    return { page, authorization: new URL(href!.replace(/&amp;/g, '&')) };
  }

  /** The browser at the provider: its form_post page, whose form the browser posts back to us. */
  async function providerAnswer(authorization: URL): Promise<{ path: string; fields: Record<string, string> }> {
    const page = await fetch(authorization);
    expect(page.status).toBe(200);
    const form = parseForm(await page.text());
    return { path: new URL(form.action).pathname, fields: form.fields };
  }

  it('PAY-11 WEB-3 an SSO payee admin signs in at the company’s provider, enrolls an app on the pages and gets a page session with amr fed and otp', async () => {
    const { pay, provider, user } = await ssoMember(['payee_admin']);
    const browser = new PageClient(pay.http.baseUrl);
    const signIn = await browser.get('/pay/signin');
    expect(visibleText(signIn.html)).toContain('Sign in with your company');

    const { page, authorization } = await startCompanySignIn(browser, user.email);
    expect(visibleText(page.html)).toContain(`Your company signs you in at ${new URL(provider.issuer).host}`);
    expect(`${authorization.origin}${authorization.pathname}`).toBe(`${provider.issuer}/authorize`);
    const parameters = Object.fromEntries(authorization.searchParams);
    expect(parameters).toEqual({
      response_type: 'id_token',
      response_mode: 'form_post',
      scope: 'openid email',
      client_id: provider.clientId,
      redirect_uri: `${pay.http.baseUrl}/pay/signin/sso/callback`,
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      login_hint: user.email,
    });
    expect(parameters.state).not.toBe(parameters.nonce);
    // The provider's answer is a cross-site POST: only a SameSite=None cookie comes with it.
    const attemptCookie = page.headers.getSetCookie().find((line) => line.startsWith(`${ATTEMPT_COOKIE}=`));
    expect(attemptCookie).toMatch(/; Max-Age=600; /);
    for (const attribute of ['Path=/', 'HttpOnly', 'Secure', 'SameSite=None']) expect(attemptCookie).toContain(`; ${attribute}`);
    expect(attemptCookie).not.toContain('Domain=');
    // The link is a navigation, so the pages' CSP allows no new form target for it.
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' https://app.example;");

    const answer = await providerAnswer(authorization);
    expect(answer.path).toBe('/pay/signin/sso/callback');
    const enroll = await browser.postFromElsewhere(answer.path, answer.fields);
    expect(enroll).toMatchObject({ status: 303, location: '/pay/signin/enroll' });
    expect(browser.cookie(ATTEMPT_COOKIE)).toBeUndefined();

    const methods = await browser.follow(enroll);
    expect(visibleText(methods.html)).toContain('Set up two-step verification');
    const setup = await browser.submit('/pay/signin/enroll', { factorType: 'totp' });
    const qr = /<img class="qr" id="totp-qr" src="([^"]+)"/.exec(setup.html)![1]!;
    const secret = parseOtpAuthUri(decodeQrDataUrl(qr.replace(/&amp;/g, '&'))).secret;
    const enrollmentId = /name="enrollmentId" value="([^"]+)"/.exec(setup.html)![1]!;
    const saved = await browser.submit('/pay/signin/enroll/confirm', { enrollmentId, code: totpCode(secret, env.clock.now()) });
    const recoveryCode = /<p class="recovery-code" id="recovery-code">([^<]+)<\/p>/.exec(saved.html)![1]!;
    expect(await browser.submit('/pay/signin/continue', { code: recoveryCode, saved: 'yes' })).toMatchObject({
      status: 303,
      location: '/pay/signin/done',
    });

    const session = await pay.http.get('/v1/pay/sessions/current', { token: browser.cookie('__Host-sitepass-pay-session') });
    expect(session.body).toMatchObject({ userId: user.id, audience: 'pay', acr: 'aal2', amr: ['fed', 'otp'] });
    const { rows } = await env.db.query(`SELECT type FROM audit_events WHERE subject_user_id = $1 AND type LIKE 'sign_in.%' ORDER BY id`, [
      user.id,
    ]);
    expect(rows.map((row) => row.type)).toEqual(['sign_in.federated', 'sign_in.enrollment_required', 'sign_in.succeeded']);
    expect(provider.discoveryFetches).toBe(1);
  });

  it('PAY-11 WEB-2 a flow a product started survives the trip to the provider: an exempt contributor returns with a code for an aal1 session with amr fed', async () => {
    const { pay, user } = await ssoMember(['disbursement_contributor'], 'payor');
    const browser = new PageClient(pay.http.baseUrl);
    const codeVerifier = randomBytes(32).toString('base64url');
    const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
    await browser.get(
      `/pay/signin?return_to=${encodeURIComponent(TEST_RETURN_URL)}&code_challenge=${codeChallenge}&code_challenge_method=S256&state=p-1`,
    );
    const { authorization } = await startCompanySignIn(browser, user.email);
    const answer = await providerAnswer(authorization);
    const back = await browser.postFromElsewhere(answer.path, answer.fields);
    expect(back.status).toBe(303);
    const location = new URL(back.location!);
    expect(`${location.origin}${location.pathname}`).toBe(TEST_RETURN_URL);
    expect(location.searchParams.get('state')).toBe('p-1');
    const exchanged = await pay.http.post('/v1/pay/sessions/exchange', { code: location.searchParams.get('code'), codeVerifier });
    expect(exchanged.status).toBe(200);
    const session = await pay.http.get('/v1/pay/sessions/current', { token: exchanged.body.accessToken });
    expect(session.body).toMatchObject({ userId: user.id, acr: 'aal1', amr: ['fed'] });
  });

  it('PAY-11 an answer whose state is not this browser’s attempt is refused and signs nobody in; the genuine one still works', async () => {
    const { pay, user } = await ssoMember(['payee_admin']);
    const browser = new PageClient(pay.http.baseUrl);
    const { authorization } = await startCompanySignIn(browser, user.email);
    const answer = await providerAnswer(authorization);

    const forged = await browser.postFromElsewhere(answer.path, { ...answer.fields, state: randomBytes(32).toString('base64url') });
    expect(forged.status).toBe(400);
    expect(visibleText(forged.html)).toContain('This sign-in attempt is not valid or was already used.');
    // Login CSRF: another browser, without the attempt, cannot use this answer either.
    const elsewhere = new PageClient(pay.http.baseUrl);
    expect((await elsewhere.postFromElsewhere(answer.path, answer.fields)).status).toBe(400);
    const counts = await env.db.query(
      `SELECT (SELECT count(*)::int FROM pending_sign_ins) AS sign_ins, (SELECT count(*)::int FROM used_id_token_nonces) AS nonces`,
    );
    expect(counts.rows).toEqual([{ sign_ins: 0, nonces: 0 }]);

    expect(await browser.postFromElsewhere(answer.path, answer.fields)).toMatchObject({ status: 303, location: '/pay/signin/enroll' });
  });

  it('PAY-11 a replayed answer is refused: the attempt is spent, and with its cookie copied back the ID token’s nonce is', async () => {
    const { pay, user } = await ssoMember(['payee_admin']);
    const browser = new PageClient(pay.http.baseUrl);
    const { authorization } = await startCompanySignIn(browser, user.email);
    const attempt = browser.cookie(ATTEMPT_COOKIE)!;
    const answer = await providerAnswer(authorization);
    expect((await browser.postFromElsewhere(answer.path, answer.fields)).status).toBe(303);

    const replayed = await browser.postFromElsewhere(answer.path, answer.fields);
    expect(replayed.status).toBe(400);
    expect(visibleText(replayed.html)).toContain('This sign-in attempt is not valid or was already used.');

    browser.setCookie(ATTEMPT_COOKIE, attempt);
    const copied = await browser.postFromElsewhere(answer.path, answer.fields);
    expect(copied.status).toBe(401);
    expect(copied.html).toContain('aria-invalid="true"');
    expect(visibleText(copied.html)).toContain('The ID token is not valid');
    const { rows } = await env.db.query(
      `SELECT data->>'reason' AS reason FROM audit_events WHERE type = 'sign_in.failed' AND data->>'firstFactor' = 'fed'`,
    );
    expect(rows).toEqual([{ reason: 'replayed' }]);
    const sessions = await env.db.query(`SELECT count(*)::int AS pending FROM pending_sign_ins WHERE user_id = $1`, [user.id]);
    expect(sessions.rows).toEqual([{ pending: 1 }]);
  });

  it('PAY-11 copies of the provider’s answer posted at once to two Pay instances, each with the attempt’s cookie, sign in once', async () => {
    const { pay, user } = await ssoMember(['payee_admin']);
    const second = await env.start('pay');
    const browser = new PageClient(pay.http.baseUrl);
    const { authorization } = await startCompanySignIn(browser, user.email);
    const attempt = browser.cookie(ATTEMPT_COOKIE)!;
    const answer = await providerAnswer(authorization);
    const copies = Array.from({ length: 6 }, (_, index) => {
      const copy = new PageClient((index % 2 ? second : pay).http.baseUrl);
      copy.setCookie(ATTEMPT_COOKIE, attempt);
      return copy.postFromElsewhere(answer.path, answer.fields);
    });
    const answers = await Promise.all(copies);
    expect(answers.filter((response) => response.status === 303)).toHaveLength(1);
    expect(answers.filter((response) => response.status === 401)).toHaveLength(5);
    const { rows } = await env.db.query(`SELECT count(*)::int AS pending FROM pending_sign_ins WHERE user_id = $1`, [user.id]);
    expect(rows).toEqual([{ pending: 1 }]);
  });

  it('PAY-11 WEB-8 refusals beside the company email field: no provider for the domain, and a provider that did not sign the person in', async () => {
    const { pay, provider, user } = await ssoMember(['payee_admin']);
    const browser = new PageClient(pay.http.baseUrl);
    await browser.get('/pay/signin');
    const unknown = await browser.submit('/pay/signin/sso', { ssoEmail: 'someone@no-sso.example' });
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('aria-describedby="field-ssoEmail-error"');
    expect(visibleText(unknown.html)).toContain('No company signs in to Pay with this email address.');
    expect(unknown.html).toContain('value="someone@no-sso.example"');

    provider.signedInEmail = undefined;
    const { authorization } = await startCompanySignIn(browser, user.email);
    const answer = await providerAnswer(authorization);
    expect(answer.fields.error).toBe('login_required');
    const refused = await browser.postFromElsewhere(answer.path, answer.fields);
    expect(refused.status).toBe(401);
    expect(visibleText(refused.html)).toContain('Your company’s sign-in did not sign you in.');
    expect(refused.html).toContain(`value="${user.email}"`);
  });
});
