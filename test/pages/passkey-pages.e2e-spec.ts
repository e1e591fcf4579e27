import { randomUUID } from 'node:crypto';
import { User } from '@sitepass/database';
import { addMember, createUser, PASSWORD } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { PageClient, PageResponse, visibleText } from '../support/page-client';
import { enrollPasskey, newAuthenticator, PASSKEYS, passkeyFormOn } from '../support/passkeys';
import { createPayUser, enrollAtPaySignIn } from '../support/pay';
import { signInOnTheWay } from '../support/pages';
import { TEST_RETURN_URL } from '../support/test-config';
import { adminToken, createCompanyWithAdmin } from '../support/policy';
import { SoftAuthenticator } from '../support/soft-authenticator';

/** An answer with a passkey answer's shape whose contents prove nothing: what a tampered form might send. */
function forgedAnswer(id = 'AAAA'): string {
  return JSON.stringify({ id, rawId: id, type: 'public-key', response: { clientDataJSON: '!!', authenticatorData: 12, signature: '' } });
}

/** Every page a form post answers: a page of the product, never the server's failure. */
function expectClientError(response: PageResponse, status: number): void {
  expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status, type: 'text/html; charset=utf-8' });
}

describe('PASSKEY-2 PASSKEY-3 PASSKEY-4 the passkey forms of the hosted pages, as plain form posts (WEB-9)', () => {
  const env = useTestEnvironment();

  /** A user with an app and a passkey named "Laptop", held by the returned authenticator (sitepass.test's origin). */
  async function userWithPasskey(app: RunningApp) {
    const user = await createEnrolledUser(app, env.clock);
    const laptop = newAuthenticator();
    const { verified } = await signInWithTotp(app, user);
    env.clock.advance(30);
    const added = await enrollPasskey(app, verified.body.accessToken, laptop, { name: 'Laptop', currentPassword: PASSWORD });
    expect(added.confirmed.status).toBe(200);
    return { ...user, laptop, passkeyFactorId: added.confirmed.body.factor.id as string };
  }

  it('PASSKEY-3 WEB-1 "Sign in with a passkey" is on the password page only where passkeys are offered, on a new ceremony each time', async () => {
    const off = await env.standard();
    const plain = new PageClient(off.http.baseUrl);
    const page = await plain.get('/signin');
    expect(page.html).not.toContain('data-passkey');
    expect(visibleText(page.html)).not.toContain('Sign in with a passkey');
    const refused = await plain.submit('/signin/passkey', { ceremonyId: randomUUID(), credential: forgedAnswer() });
    expectClientError(refused, 422);
    expect(visibleText(refused.html)).toContain('Passkeys are not turned on for this service.');

    const on = await env.start('standard', PASSKEYS);
    const browser = new PageClient(on.http.baseUrl);
    const first = passkeyFormOn((await browser.get('/signin')).html);
    expect(first).toMatchObject({
      action: '/signin/passkey',
      ceremony: 'authenticate',
      options: { rpId: 'sitepass.test', allowCredentials: [], userVerification: 'required' },
    });
    const second = passkeyFormOn((await browser.get('/signin')).html);
    expect(second.hidden.ceremonyId).not.toBe(first.hidden.ceremonyId);
    expect(second.options.challenge).not.toBe(first.options.challenge);
  });

  it('PASSKEY-3 a passkey alone is refused on the password page with the reason: unknown here, or not allowed by the company', async () => {
    const app = await env.start('standard', PASSKEYS);
    const browser = new PageClient(app.http.baseUrl);
    const stranger = new SoftAuthenticator({ origin: 'https://sitepass.test' });
    stranger.register({ challenge: 'AAAA', rp: { id: 'sitepass.test' }, user: { id: 'AAAAAAAAAAAAAAAAAAAAAA' } });
    const form = passkeyFormOn((await browser.get('/signin')).html);
    const unknown = await browser.submit(form.action, { ...form.hidden, credential: JSON.stringify(stranger.authenticate(form.options)) });
    expectClientError(unknown, 401);
    expect(visibleText(unknown.html)).toContain('This passkey is not registered here. Sign in with your password.');
    expect(passkeyFormOn(unknown.html).hidden.ceremonyId).not.toBe(form.hidden.ceremonyId);

    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, admin);
    const saved = await app.http.put(
      `/v1/companies/${company.id}/mfa-policy`,
      { required: false, enforcementDate: '2026-03-02', timeZone: 'UTC', passwordlessAllowed: false },
      { token },
    );
    expect(saved.status).toBe(200);
    const member = await userWithPasskey(app);
    await addMember(app, company, { id: member.userId } as User);
    const retry = passkeyFormOn(unknown.html);
    const forbidden = await browser.submit(retry.action, {
      ...retry.hidden,
      credential: JSON.stringify(member.laptop.authenticate(retry.options)),
    });
    expectClientError(forbidden, 403);
    expect(visibleText(forbidden.html)).toContain('Your company asks you to sign in with your password first, then your passkey.');
    expect(browser.cookie('__Host-sitepass-standard-session')).toBeUndefined();
  });

  it('PASSKEY-3 WEB-9 an empty, malformed or forged answer to “Sign in with a passkey” gets a clean 4xx page, never a 5xx', async () => {
    const app = await env.start('standard', PASSKEYS);
    const browser = new PageClient(app.http.baseUrl);
    const signInForm = passkeyFormOn((await browser.get('/signin')).html);
    const noScript = await browser.submit(signInForm.action, { ...signInForm.hidden, credential: '' });
    expectClientError(noScript, 400);
    expect(visibleText(noScript.html)).toContain('Passkeys need a browser with JavaScript turned on.');
    const tampered: Array<Record<string, string>> = [
      { ...signInForm.hidden, credential: '{"id":' },
      { ...signInForm.hidden, credential: JSON.stringify({ id: 'x', type: 'password' }) },
      { ceremonyId: 'not-a-ceremony', credential: forgedAnswer() },
    ];
    for (const fields of tampered) {
      const refused = await browser.submit('/signin/passkey', fields);
      expectClientError(refused, 400);
      expect(visibleText(refused.html)).toContain('The passkey did not answer');
    }
    const forged = await browser.submit('/signin/passkey', { ...signInForm.hidden, credential: forgedAnswer() });
    expectClientError(forged, 401);
  });

  it('PASSKEY-3 WEB-1 the passkey chosen as the second step: a refused answer is shown above its form, the right one signs in', async () => {
    const app = await env.start('standard', PASSKEYS);
    const user = await userWithPasskey(app);
    const browser = new PageClient(app.http.baseUrl);
    await browser.get('/signin');
    const choose = await browser.follow(await browser.submit('/signin', { email: user.email, password: PASSWORD }));
    expect(visibleText(choose.html)).toContain('Passkey: Laptop');
    expect(visibleText(choose.html)).toContain('Authenticator app');
    const step = await browser.follow(await browser.submit('/signin/verify/start', { factorId: user.passkeyFactorId }));
    const form = passkeyFormOn(step.html);
    expect(form).toMatchObject({ action: '/signin/verify/passkey', ceremony: 'authenticate', options: { userVerification: 'preferred' } });
    expect(form.options.allowCredentials).toEqual([expect.objectContaining({ id: user.laptop.credentials[0]!.id })]);
    expect(step.html).toContain('href="/signin/verify?choose=1"');

    const empty = await browser.submit(form.action, { ...form.hidden, credential: '' });
    expectClientError(empty, 400);
    expect(visibleText(empty.html)).toContain('Passkeys need a browser with JavaScript turned on.');
    const forged = await browser.submit(form.action, { ...form.hidden, credential: forgedAnswer(user.laptop.credentials[0]!.id) });
    expectClientError(forged, 422);
    expect(visibleText(forged.html)).toContain('The passkey did not confirm it.');
    expect(passkeyFormOn(forged.html).hidden).toEqual(form.hidden);
    const elsewhere = await browser.submit(form.action, { challengeId: randomUUID(), credential: forgedAnswer() });
    expect(elsewhere).toMatchObject({ status: 303, location: '/signin/verify' });
    expect(passkeyFormOn((await browser.follow(elsewhere)).html).hidden).toEqual(form.hidden);

    const signedIn = await browser.submit(form.action, {
      ...form.hidden,
      credential: JSON.stringify(user.laptop.authenticate(form.options)),
    });
    expect(signedIn).toMatchObject({ status: 303, location: '/account/security' });
    expect(browser.cookie('__Host-sitepass-standard-session')).toBeDefined();
  });

  it('PASSKEY-2 LOGIN-4 a passkey enrolled inside the sign-in: its name is checked, a refused registration starts again, the right one shows the recovery code', async () => {
    const app = await env.start('standard', PASSKEYS);
    const user = await createUser(app, { alwaysRequireMfa: true });
    const browser = new PageClient(app.http.baseUrl);
    await browser.get('/signin');
    const choose = await browser.follow(await browser.submit('/signin', { email: user.email, password: PASSWORD }));
    expect(choose.html).toContain('value="webauthn"');
    const named = await browser.follow(await browser.submit('/signin/enroll', { factorType: 'webauthn' }));
    expect(named.html).toMatch(/name="name"\s+type="text"\s+value="Passkey"/);
    for (const name of ['', 'x'.repeat(65), 'Laptop\u0007']) {
      const refused = await browser.submit('/signin/enroll/passkey', { name });
      expectClientError(refused, 400);
      expect(visibleText(refused.html)).toContain('Give the passkey a name of up to 64 letters');
    }

    const laptop = newAuthenticator();
    const first = passkeyFormOn((await browser.submit('/signin/enroll/passkey', { name: 'Work laptop' })).html);
    expect(first).toMatchObject({
      action: '/signin/enroll/passkey/confirm',
      ceremony: 'register',
      options: { user: { name: user.email } },
    });
    const forged = await browser.submit(first.action, { ...first.hidden, credential: forgedAnswer() });
    expectClientError(forged, 422);
    expect(visibleText(forged.html)).toContain('The passkey did not confirm it.');
    expect(forged.html).toContain('action="/signin/enroll/passkey"');

    const again = passkeyFormOn((await browser.submit('/signin/enroll/passkey', { name: 'Work laptop' })).html);
    const saved = await browser.submit(again.action, {
      ...again.hidden,
      credential: JSON.stringify(laptop.register(again.options as never)),
    });
    expect(saved.status).toBe(200);
    expect(visibleText(saved.html)).toContain('Save your recovery code');
    const { rows } = await env.db.query(`SELECT name, status FROM factors WHERE user_id = $1 AND type = 'webauthn' ORDER BY created_at`, [
      user.id,
    ]);
    expect(rows.filter((row: { status: string }) => row.status === 'active')).toEqual([{ name: 'Work laptop', status: 'active' }]);
  });

  it('PASSKEY-4 WEB-6 a payor chooses the passkey on the step-up page; a forged answer is refused there, the right one hands back', async () => {
    const pay = await env.start('pay', PASSKEYS);
    const { user } = await createPayUser(pay, ['payments_disburser']);
    const payor = await enrollAtPaySignIn(pay, env.clock, user);
    const laptop = newAuthenticator();
    const added = await enrollPasskey(
      pay,
      payor.accessToken,
      laptop,
      { name: 'Laptop', currentPassword: PASSWORD },
      '/v1/pay/payor/enrollments',
    );
    expect(added.confirmed.status).toBe(200);
    const query = new URLSearchParams({
      operation: 'disbursement.authorize',
      return_to: TEST_RETURN_URL,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 'st-1',
    });
    const link = `/pay/step-up?${query}`;
    const browser = await signInOnTheWay(new PageClient(pay.http.baseUrl), link, payor, env.clock);
    const choose = await browser.follow(await browser.get(link));
    expect(visibleText(choose.html)).toContain('Passkey: Laptop');
    const step = await browser.follow(await browser.submit('/pay/step-up/start', { factorId: added.confirmed.body.factor.id }));
    expect(visibleText(step.html)).toContain('Authorize a disbursement');
    const form = passkeyFormOn(step.html);
    expect(form.action).toBe('/pay/step-up/passkey');

    const forged = await browser.submit(form.action, { ...form.hidden, credential: forgedAnswer(laptop.credentials[0]!.id) });
    expectClientError(forged, 422);
    expect(visibleText(forged.html)).toContain('The passkey did not confirm it.');
    const proven = await browser.submit(form.action, { ...form.hidden, credential: JSON.stringify(laptop.authenticate(form.options)) });
    expect(proven.status).toBe(303);
    expect(new URL(proven.location!).searchParams.get('state')).toBe('st-1');
  });
});
