import { createUser, PASSWORD, registerPhone, signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { createEnrolledUser } from '../support/mfa';
import { signInOnTheWay } from '../support/pages';
import { createPayUser, enrollAtPaySignIn } from '../support/pay';
import { TEST_RETURN_URL } from '../support/test-config';
import { PageClient, visibleText } from '../support/page-client';

/** The guard blocks +1415 at its second SMS in the window: the first, never verified, is all it takes (SMS-10). */
const GUARD_AT_ONE_SEND = { SMS_PREFIX_GUARD_MIN_SENDS: '1' };

/** One unverified enrollment SMS to another +1415 number: the prefix is blocked for the next one. */
async function pumpPrefix(app: RunningApp): Promise<void> {
  const someone = await createUser(app, { alwaysRequireMfa: true });
  const { mfaToken } = (await signIn(app, someone.email)).body;
  const sent = await app.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber: '+14155550199' }, { token: mfaToken });
  expect(sent.status).toBe(202);
}

/** The hosted sign-in to its MFA step, where a user with several factors chooses one (LOGIN-3). */
async function toMfaStep(app: RunningApp, email: string): Promise<PageClient> {
  const browser = new PageClient(app.http.baseUrl);
  await browser.get('/signin');
  const step = await browser.follow(await browser.submit('/signin', { email, password: PASSWORD }));
  expect(step.html).toContain('name="factorId"');
  return browser;
}

describe('SMS-10 SMS-11 the hosted pages when texts are paused or must wait (WEB-1, WEB-3, WEB-9)', () => {
  const env = useTestEnvironment();

  it('SMS-10 WEB-1 a blocked prefix at the MFA step: the notice, the app and the recovery code instead, not the phone; the app signs in', async () => {
    const app = await env.start('standard', GUARD_AT_ONE_SEND);
    const user = await createEnrolledUser(app, env.clock);
    const phoneId = await registerPhone(env.db, user.userId, '+14155550123', env.clock.now());
    await pumpPrefix(app);
    const browser = await toMfaStep(app, user.email);

    const paused = await browser.submit('/signin/verify/start', { factorId: phoneId });
    expect(paused.status).toBe(503);
    expect(paused.headers.get('retry-after')).toBe('3600');
    const text = visibleText(paused.html);
    expect(paused.html).toMatch(/role="alert"[^>]*>\s*Text messages to numbers like this one are paused/);
    expect(text).toContain('Other ways to sign in');
    expect(paused.html).toContain(`name="factorId" value="${user.factorId}"`);
    expect(paused.html).toMatch(/<button type="submit">Authenticator app<\/button>/);
    expect(paused.html).toContain('href="/signin/recovery"');
    expect(paused.html).not.toContain(phoneId);
    expect(text).not.toContain('Text message to');

    const chosen = await browser.submit('/signin/verify/start', { factorId: user.factorId });
    expect(chosen).toMatchObject({ status: 303, location: '/signin/verify' });
    await browser.follow(chosen);
    expect(await browser.submit('/signin/verify', { code: user.app.code() })).toMatchObject({ status: 303, location: '/account/security' });
  });

  it('SMS-10 WEB-1 with no other factor the page says so and offers nothing else', async () => {
    const app = await env.start('standard', GUARD_AT_ONE_SEND);
    const user = await createUser(app, { alwaysRequireMfa: true });
    const phoneId = await registerPhone(env.db, user.id, '+14155550124', env.clock.now());
    await pumpPrefix(app);
    const browser = await toMfaStep(app, user.email);

    const paused = await browser.submit('/signin/verify/start', { factorId: phoneId });
    expect(paused.status).toBe(503);
    expect(visibleText(paused.html)).toContain('You have no other way set up. Try again later.');
    expect(paused.html).not.toContain('name="factorId"');
    expect(paused.html).not.toContain(phoneId);
  });

  it('SMS-10 WEB-3 LOGIN-4 an SMS enrollment refused for its prefix offers the authenticator app, which then sets up', async () => {
    const app = await env.start('standard', GUARD_AT_ONE_SEND);
    const user = await createUser(app, { alwaysRequireMfa: true });
    await pumpPrefix(app);
    const browser = new PageClient(app.http.baseUrl);
    await browser.get('/signin');
    await browser.follow(await browser.submit('/signin', { email: user.email, password: PASSWORD }));
    await browser.follow(await browser.submit('/signin/enroll', { factorType: 'sms' }));

    const paused = await browser.submit('/signin/enroll/sms', { country: 'US', number: '415 555 0125' });
    expect(paused.status).toBe(503);
    expect(paused.html).toMatch(/role="alert"[^>]*>\s*Text messages to numbers like this one are paused/);
    expect(visibleText(paused.html)).toContain('Set up another way');
    expect(paused.html).toMatch(/name="factorType" value="totp"[\s\S]*?<button type="submit">Set up an authenticator app<\/button>/);
    // The number stays as typed: another one may still be tried.
    expect(paused.html).toContain('value="415 555 0125"');

    const setup = await browser.submit('/signin/enroll', { factorType: 'totp' });
    expect(setup.status).toBe(200);
    expect(setup.html).toContain('id="totp-qr"');
  });

  it('SMS-10 WEB-3 LOGIN-4 a new enrollment code asked once the prefix is blocked offers the authenticator app too', async () => {
    const app = await env.start('standard', { SMS_PREFIX_GUARD_MIN_SENDS: '2' });
    const user = await createUser(app, { alwaysRequireMfa: true });
    const browser = new PageClient(app.http.baseUrl);
    await browser.get('/signin');
    await browser.follow(await browser.submit('/signin', { email: user.email, password: PASSWORD }));
    await browser.follow(await browser.submit('/signin/enroll', { factorType: 'sms' }));
    await browser.follow(await browser.submit('/signin/enroll/sms', { country: 'US', number: '415 555 0126' }));
    // Another unverified SMS to +1415 makes two: the next one to the prefix is refused.
    await pumpPrefix(app);
    env.clock.advance(30);

    const paused = await browser.submit('/signin/enroll/resend', {});
    expect(paused.status).toBe(503);
    expect(paused.html).toMatch(/role="alert"[^>]*>\s*Text messages to numbers like this one are paused/);
    expect(paused.html).toMatch(/name="factorType" value="totp"[\s\S]*?<button type="submit">Set up an authenticator app<\/button>/);
    expect((await browser.submit('/signin/enroll', { factorType: 'totp' })).html).toContain('id="totp-qr"');
  });

  it('SMS-10 WEB-4 POL-8 re-verification with the phone while its prefix is blocked offers the app, which proves it', async () => {
    const app = await env.start('standard', GUARD_AT_ONE_SEND);
    const user = await createEnrolledUser(app, env.clock);
    const phoneId = await registerPhone(env.db, user.userId, '+14155550127', env.clock.now());
    await pumpPrefix(app);
    const browser = await signInOnTheWay(new PageClient(app.http.baseUrl), '/account/security', user, env.clock);
    await browser.get('/account/security/verify?return=%2Faccount%2Fsecurity');

    const paused = await browser.submit('/account/security/verify', { factorId: phoneId, return: '/account/security' });
    expect(paused.status).toBe(503);
    expect(paused.html).toMatch(/role="alert"[^>]*>\s*Text messages to numbers like this one are paused/);
    expect(visibleText(paused.html)).toContain('Other ways to verify');
    expect(paused.html).toMatch(/<button type="submit">Authenticator app<\/button>/);
    expect(paused.html).not.toContain(phoneId);

    const codeForm = await browser.follow(
      await browser.submit('/account/security/verify', { factorId: user.factorId, return: '/account/security' }),
    );
    expect(visibleText(codeForm.html)).toContain('Enter the 6-digit code your authenticator app shows for Sitepass.');
  });

  it('SMS-10 WEB-4 adding a phone whose prefix is blocked on the account page offers the authenticator app instead', async () => {
    const app = await env.start('standard', GUARD_AT_ONE_SEND);
    const user = await createEnrolledUser(app, env.clock);
    await pumpPrefix(app);
    const browser = await signInOnTheWay(new PageClient(app.http.baseUrl), '/account/security/sms', user, env.clock);
    await browser.get('/account/security/sms');

    const paused = await browser.submit('/account/security/sms', { country: 'US', number: '415 555 0128', currentPassword: PASSWORD });
    expect(paused.status).toBe(503);
    expect(paused.html).toMatch(/role="alert"[^>]*>\s*Text messages to numbers like this one are paused/);
    expect(paused.html).toContain('<a class="button" href="/account/security/totp">Set up an authenticator app</a>');
    expect((await browser.get('/account/security/totp')).status).toBe(200);
  });

  it('SMS-10 WEB-6 a Pay step-up with the payee admin’s phone while its prefix is blocked offers the app, which proves it', async () => {
    const pay = await env.start('pay', GUARD_AT_ONE_SEND);
    await pumpPrefix(await env.start('standard', GUARD_AT_ONE_SEND));
    const { user } = await createPayUser(pay, ['payee_admin']);
    const admin = await enrollAtPaySignIn(pay, env.clock, user, 'payee-admin');
    const phoneId = await registerPhone(env.db, admin.userId, '+14155550129', env.clock.now());
    const query = new URLSearchParams({
      operation: 'agreement.accept',
      return_to: TEST_RETURN_URL,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const link = `/pay/step-up?${query.toString()}`;
    const browser = await signInOnTheWay(new PageClient(pay.http.baseUrl), link, admin, env.clock);
    await browser.get(link);

    const paused = await browser.submit('/pay/step-up/start', { factorId: phoneId });
    expect(paused.status).toBe(503);
    expect(visibleText(paused.html)).toContain('Accept an agreement');
    expect(paused.html).toMatch(/role="alert"[^>]*>\s*Text messages to numbers like this one are paused/);
    expect(visibleText(paused.html)).toContain('Other ways to verify');
    expect(paused.html).not.toContain(phoneId);

    const code = await browser.follow(await browser.submit('/pay/step-up/start', { factorId: admin.factorId }));
    expect(visibleText(code.html)).toContain('Enter the 6-digit code your authenticator app shows for Sitepass.');
  });

  it('SMS-11 WEB-1 the fourth code within 10 minutes is refused on the code step, with the wait in words and the countdown', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const phoneId = await registerPhone(env.db, user.userId, '+14155550126', env.clock.now());
    const browser = await toMfaStep(app, user.email);
    await browser.follow(await browser.submit('/signin/verify/start', { factorId: phoneId }));
    // The second and third SMS after SMS-5's 30 s cooldown; the third starts SMS-11's backoff of one minute.
    for (let resend = 2; resend <= 3; resend += 1) {
      env.clock.advance(30);
      expect(await browser.submit('/signin/verify/resend', {})).toMatchObject({ status: 303, location: '/signin/verify' });
      await browser.get('/signin/verify');
    }
    env.clock.advance(30);
    const fourth = await browser.submit('/signin/verify/resend', {});
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toBe('30');
    expect(visibleText(fourth.html)).toContain(
      'Several codes were sent to you in a short time. Wait 30 seconds before asking for another.',
    );
    // Still the code step of the same challenge: the code field, and a resend that counts down the wait.
    expect(fourth.html).toContain('action="/signin/verify"');
    expect(fourth.html).toContain('autocomplete="one-time-code"');
    expect(fourth.html).toContain('data-countdown="30"');
  });
});
