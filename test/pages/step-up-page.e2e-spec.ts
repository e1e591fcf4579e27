import { createHash, randomBytes } from 'node:crypto';
import { PASSWORD, registerPhone } from '../support/factories';
import { signInOnTheWay } from '../support/pages';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { EnrolledUser } from '../support/mfa';
import { PageClient, visibleText } from '../support/page-client';
import { authorize, createPayUser, enrollAtPaySignIn } from '../support/pay';
import { TEST_RETURN_URL } from '../support/test-config';

function pkce() {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

function stepUpLink(operation: string | undefined, codeChallenge: string, returnTo = TEST_RETURN_URL): string {
  const query = new URLSearchParams({
    ...(operation !== undefined ? { operation } : {}),
    return_to: returnTo,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state: 'st-1',
  });
  return `/pay/step-up?${query.toString()}`;
}

describe('WEB-6 Pay’s step-up page, as a browser without scripts uses it (WEB-9)', () => {
  const env = useTestEnvironment();

  /** A payor enrolled in Pay, whose product back end holds a Pay session of its own (the gateway's). */
  async function disburser(): Promise<{ pay: RunningApp; user: EnrolledUser; backEndToken: string }> {
    const pay = await env.pay();
    const { user } = await createPayUser(pay, ['payments_disburser']);
    const enrolled = await enrollAtPaySignIn(pay, env.clock, user);
    return { pay, user: enrolled, backEndToken: enrolled.accessToken };
  }

  /** Follows the gateway's link: no page session yet, so the sign-in comes first and returns to the link. */
  async function openThroughSignIn(pay: RunningApp, user: EnrolledUser, link: string): Promise<PageClient> {
    const browser = await signInOnTheWay(new PageClient(pay.http.baseUrl), link, user, env.clock);
    expect(browser.cookie('__Host-sitepass-pay-session')).toBeDefined();
    return browser;
  }

  it('WEB-6 PAY-6 PAY-7 a payor proves the app on the page, and the back end’s own session exchanges the code for a token the gateway accepts once', async () => {
    const { pay, user, backEndToken } = await disburser();
    expect((await authorize(pay, backEndToken, 'disbursement.authorize')).body.code).toBe('step_up_required');
    const { codeVerifier, codeChallenge } = pkce();
    const link = stepUpLink('disbursement.authorize', codeChallenge);
    const browser = await openThroughSignIn(pay, user, link);

    const page = await browser.follow(await browser.get(link));
    expect(page.status).toBe(200);
    expect(visibleText(page.html)).toContain('Confirm this action');
    expect(visibleText(page.html)).toContain('Authorize a disbursement');
    expect(page.html).toContain('autocomplete="one-time-code"');
    // PAY-3: a payor proves the authenticator app; there is nothing else to choose.
    expect(page.html).not.toContain('name="factorId"');

    const wrong = await browser.submit('/pay/step-up/verify', { code: user.app.wrongCode() });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('aria-invalid="true"');
    expect(visibleText(wrong.html)).toContain('4 attempts left');

    const proven = await browser.submit('/pay/step-up/verify', { code: user.app.code() });
    expect(proven.status).toBe(303);
    const back = new URL(proven.location!);
    expect(`${back.origin}${back.pathname}`).toBe(TEST_RETURN_URL);
    expect(back.searchParams.get('state')).toBe('st-1');

    const exchanged = await pay.http.post(
      '/v1/pay/step-ups/exchange',
      { code: back.searchParams.get('code'), codeVerifier },
      { token: backEndToken },
    );
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ operation: 'disbursement.authorize', expiresIn: 300 });
    expect((await authorize(pay, backEndToken, 'disbursement.authorize', exchanged.body.stepUpToken)).body).toEqual({ decision: 'allow' });
    expect((await authorize(pay, backEndToken, 'disbursement.authorize', exchanged.body.stepUpToken)).body.code).toBe('step_up_required');

    const { rows } = await env.db.query(`SELECT type, data FROM audit_events WHERE type IN ('step_up.verified', 'mfa.failed') ORDER BY id`);
    expect(rows).toEqual([
      { type: 'mfa.failed', data: { factorType: 'totp', reason: 'verification_failed' } },
      { type: 'step_up.verified', data: { operation: 'disbursement.authorize', factorType: 'totp' } },
    ]);
  });

  it('WEB-6 PAY-3 a payee admin chooses between the app and a US number; a payor’s number is never offered', async () => {
    const pay = await env.pay();
    const { user: admin } = await createPayUser(pay, ['payee_admin']);
    const payeeAdmin = await enrollAtPaySignIn(pay, env.clock, admin, 'payee-admin');
    await registerPhone(env.db, payeeAdmin.userId, '+14155550123', env.clock.now());
    const { codeVerifier, codeChallenge } = pkce();
    const link = stepUpLink('agreement.accept', codeChallenge);
    const browser = await openThroughSignIn(pay, payeeAdmin, link);
    const choice = await browser.get(link);
    expect(choice.status).toBe(200);
    expect(visibleText(choice.html)).toContain('Accept an agreement');
    expect(visibleText(choice.html)).toContain('Authenticator app');
    expect(visibleText(choice.html)).toContain('Text message to +1******0123');
    const code = await browser.follow(await browser.submit('/pay/step-up/start', { factorId: payeeAdmin.factorId }));
    expect(code.html).toContain('autocomplete="one-time-code"');
    expect(code.html).toContain('href="/pay/step-up/verify?choose=1"');
    const proven = await browser.submit('/pay/step-up/verify', { code: payeeAdmin.app.code() });
    const back = new URL(proven.location!);
    const exchanged = await pay.http.post(
      '/v1/pay/step-ups/exchange',
      { code: back.searchParams.get('code'), codeVerifier },
      { token: payeeAdmin.accessToken },
    );
    expect(exchanged.body).toMatchObject({ operation: 'agreement.accept' });

    const { pay: samePay, user: payor } = await disburser();
    await registerPhone(env.db, payor.userId, '+14155550199', env.clock.now());
    const payorLink = stepUpLink('payments_tool.open', pkce().codeChallenge);
    const payorBrowser = await openThroughSignIn(samePay, payor, payorLink);
    const appOnly = await payorBrowser.get(payorLink);
    expect(appOnly.html).toContain('autocomplete="one-time-code"');
    expect(appOnly.html).not.toContain('name="factorId"');
    expect(visibleText(appOnly.html)).not.toContain('Text message');
  });

  it('WEB-6 SMS-5 a texted step-up names the number and counts down to a resend; one asked for too soon is refused beside the field', async () => {
    const pay = await env.pay();
    const { user } = await createPayUser(pay, ['payee_admin']);
    const payeeAdmin = await enrollAtPaySignIn(pay, env.clock, user, 'payee-admin');
    const phoneId = await registerPhone(env.db, payeeAdmin.userId, '+14155550123', env.clock.now());
    const link = stepUpLink('payments_tool.open', pkce().codeChallenge);
    const browser = await openThroughSignIn(pay, payeeAdmin, link);
    await browser.get(link);
    const texted = await browser.follow(await browser.submit('/pay/step-up/start', { factorId: phoneId }));
    expect(visibleText(texted.html)).toContain('We sent a 6-digit code to +1******0123. It expires in 10 minutes.');
    expect(texted.html).toContain('data-countdown="30"');
    expect(texted.html).toContain('data-webotp');
    const tooSoon = await browser.submit('/pay/step-up/resend', {});
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.html).toContain('aria-invalid="true"');
    expect(visibleText(tooSoon.html)).toContain('A code was just sent. Wait before asking for another.');
    env.clock.advance(30);
    expect(await browser.submit('/pay/step-up/resend', {})).toMatchObject({ status: 303, location: '/pay/step-up/verify' });
    const { rows } = await env.db.query(`SELECT count(*)::int AS texts FROM outbox WHERE kind = 'sms' AND user_id = $1`, [
      payeeAdmin.userId,
    ]);
    expect(rows).toEqual([{ texts: 2 }]);
  });

  it('WEB-6 WEB-2 a return URL that is not configured, a plain challenge, or a missing or unknown operation is a clear 400 page', async () => {
    const { pay, user } = await disburser();
    const { codeChallenge } = pkce();
    const browser = await openThroughSignIn(pay, user, stepUpLink('payments_tool.open', codeChallenge));
    for (const link of [
      stepUpLink('disbursement.authorize', codeChallenge, 'https://evil.example/cb'),
      stepUpLink('disbursement.authorize', codeChallenge).replace('code_challenge_method=S256', 'code_challenge_method=plain'),
      stepUpLink(undefined, codeChallenge),
      stepUpLink('payments_tool.request', codeChallenge),
      stepUpLink('money.steal', codeChallenge),
    ]) {
      const refused = await browser.get(link);
      expect({ link, status: refused.status }).toEqual({ link, status: 400 });
      expect(visibleText(refused.html)).toContain('This confirmation link is not valid');
      expect(refused.html).not.toContain('name="code"');
    }
    const { rows } = await env.db.query(`SELECT count(*)::int AS challenges FROM challenges WHERE purpose = 'step_up'`);
    expect(rows).toEqual([{ challenges: 0 }]);
  });

  it('WEB-6 PAY-7 a role that may not perform the operation is told so before proving anything', async () => {
    const { pay, user } = await disburser();
    const link = stepUpLink('funding_account.change', pkce().codeChallenge);
    const browser = await openThroughSignIn(pay, user, link);
    const refused = await browser.get(link);
    expect(refused.status).toBe(403);
    expect(visibleText(refused.html)).toContain('Your Pay roles do not allow this operation.');
    expect(refused.html).not.toContain('name="code"');
  });

  it('WEB-6 PAY-9 ten wrong codes on the page revoke the page session: the sign-in page says why, and signing in again comes back', async () => {
    const { pay, user } = await disburser();
    const link = stepUpLink('payments_tool.open', pkce().codeChallenge);
    const browser = await openThroughSignIn(pay, user, link);
    await browser.get(link);
    for (let attempt = 1; attempt <= 9; attempt += 1) {
      const wrong = await browser.submit('/pay/step-up/verify', { code: user.app.wrongCode() });
      expect(wrong.status).toBe(422);
      // The fifth ends the challenge (LOGIN-5); the page opens a new one for the app at once.
      if (attempt === 5) expect(visibleText(wrong.html)).toContain('Too many wrong codes for this challenge');
      expect(wrong.html).toContain('name="code"');
    }
    const signedOut = await browser.submit('/pay/step-up/verify', { code: user.app.wrongCode() });
    expect(signedOut.status).toBe(401);
    expect(visibleText(signedOut.html)).toContain('Too many failed step-ups: this session has been signed out.');
    expect(signedOut.html).toContain('action="/pay/signin"');
    expect(browser.cookie('__Host-sitepass-pay-session')).toBeUndefined();
    const { rows } = await env.db.query(`SELECT revoked_reason, step_up_failures FROM sessions WHERE revoked_at IS NOT NULL`);
    expect(rows).toEqual([{ revoked_reason: 'step_up_failures', step_up_failures: 10 }]);

    // LOGIN-5: ten consecutive failures make the account wait a minute; then the sign-in returns to the step-up.
    env.clock.advance(61);
    const verify = await browser.follow(await browser.submit('/pay/signin', { email: user.email, password: PASSWORD }));
    expect(verify.status).toBe(200);
    expect(await browser.submit('/pay/signin/verify', { code: user.app.code() })).toMatchObject({ status: 303, location: link });
  });
});
