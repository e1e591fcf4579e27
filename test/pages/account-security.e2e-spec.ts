import { User } from '@sitepass/database';
import { addMember, PASSWORD, registerPhone, signIn } from '../support/factories';
import { eventually, FakeTwilio } from '../support/fake-twilio';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { AuthenticatorApp, createEnrolledUser, EnrolledUser, paths, signInWithTotp, twilioWorkerEnv } from '../support/mfa';
import { PageClient, PageResponse, visibleText } from '../support/page-client';
import { adminToken, createCompanyWithAdmin, createMember, setPolicy } from '../support/policy';

const ACCOUNT = '/account/security';
const PHONE = '+14155550123';

/** What a person reads, with the narrow spaces of ICU's times ("12:00 AM") read as spaces. */
function text(page: PageResponse): string {
  return visibleText(page.html).replace(/[\u202f\u00a0]/g, ' ');
}

/** An attribute's value as the browser reads it (the page escapes `&` in URLs). */
function attribute(html: string, pattern: RegExp): string {
  const match = pattern.exec(html);
  if (!match) throw new Error(`not on the page: ${pattern}`);
  return match[1]!.replace(/&amp;/g, '&');
}

describe('WEB-4 the account security page, as a browser without scripts uses it (WEB-9)', () => {
  const env = useTestEnvironment();
  let twilio: FakeTwilio;

  beforeAll(async () => {
    twilio = await new FakeTwilio().start();
    await env.start('worker', twilioWorkerEnv(twilio.url));
  });
  afterAll(() => twilio.close());
  beforeEach(() => twilio.requests.splice(0));

  /** WEB-1: the hosted sign-in with the authenticator app, ending on the account page with a page session. */
  async function signInWithApp(app: RunningApp, user: EnrolledUser, browser = new PageClient(app.http.baseUrl)): Promise<PageClient> {
    await browser.get('/signin');
    const step = await browser.follow(await browser.submit('/signin', { email: user.email, password: PASSWORD }));
    // With an app and a phone the sign-in asks which to use (LOGIN-3); with the app alone it asks for its code.
    if (step.html.includes('name="factorId"'))
      await browser.follow(await browser.submit('/signin/verify/start', { factorId: user.factorId }));
    const done = await browser.submit('/signin/verify', { code: user.app.code() });
    expect(done).toMatchObject({ status: 303, location: ACCOUNT });
    env.clock.advance(30);
    return browser;
  }

  /** An enrolled user (the app, "always require MFA") who also has a phone, signed in on the pages. */
  async function withAppAndPhone(app: RunningApp) {
    const user = await createEnrolledUser(app, env.clock);
    const phoneId = await registerPhone(env.db, user.userId, PHONE, env.clock.now());
    const browser = await signInWithApp(app, user);
    return { user, phoneId, browser };
  }

  async function factorStatus(factorId: string): Promise<{ status: string; revoked_reason: string | null }> {
    return (await env.db.query(`SELECT status, revoked_reason FROM factors WHERE id = $1`, [factorId])).rows[0];
  }

  it('WEB-4 POL-3 POL-6 I18N-3 the overview says why MFA is required, the company’s deadline in its zone and its interval, the factors, the recovery code and the devices', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock, { name: 'Acme Builders' });
    await setPolicy(app, await adminToken(app, admin), company.id, {
      enforcementDate: '2026-03-20',
      timeZone: 'America/Chicago',
      reauthInterval: '7d',
    });
    const user = await createEnrolledUser(app, env.clock);
    await addMember(app, company, { id: user.userId } as User);
    await registerPhone(env.db, user.userId, PHONE, env.clock.now());

    const anonymous = new PageClient(app.http.baseUrl);
    expect(await anonymous.get(ACCOUNT)).toMatchObject({ status: 303, location: `/signin?next=${encodeURIComponent(ACCOUNT)}` });

    const browser = await signInWithApp(app, user);
    const page = await browser.get(ACCOUNT);
    expect(page.status).toBe(200);
    expect(page.html.match(/<h1[ >]/g)).toHaveLength(1);
    const read = text(page);
    expect(read).toContain('Two-step verification is required for your account: You have set up a sign-in method.');
    expect(read).toContain('Your account is set to always require it.');
    expect(read).not.toContain('Your company requires it.');
    expect(read).toContain('Acme Builders requires two-step verification from March 20, 2026 at 12:00 AM (America/Chicago).');
    expect(read).toContain('Acme Builders asks you to verify again after 7 days.');
    expect(read).toContain('Method Details Added Actions Authenticator app Mar 2, 2026');
    expect(read).toContain(`Text message +1******0123 Mar 2, 2026 Send a test message Change your phone number Remove this phone`);
    expect(read).toContain('You have a recovery code, made on March 2, 2026.');
    expect(read).toContain('Trusted devices');
    // The enrollment inside the API sign-in trusted a device too (SES-6).
    expect(page.html.match(/action="\/account\/security\/devices\/[0-9a-f-]{36}\/revoke"/g)).toHaveLength(2);
    expect(read).toContain('Revoke all devices');
    expect(page.html).toContain('<option value="ja" lang="ja" >日本語</option>');
    expect(page.html).toContain('<label for="field-locale">');
    expect(read).toContain('Sign out everywhere');
    expect(page.html).not.toContain('Add an authenticator app');
  });

  it('WEB-4 POL-4 POL-8 TOTP-2 TOTP-3 REC-2 a member before the deadline adds an authenticator app: password, QR code, code, then the recovery code once', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    await setPolicy(app, await adminToken(app, admin), company.id, { enforcementDate: '2026-04-01', timeZone: 'UTC' });
    const member = await createMember(app, company);
    const browser = new PageClient(app.http.baseUrl);
    await browser.get('/signin');
    expect(await browser.submit('/signin', { email: member.email, password: PASSWORD })).toMatchObject({ status: 303, location: ACCOUNT });

    const overview = await browser.get(ACCOUNT);
    expect(text(overview)).toContain('Two-step verification is not required for your account yet. You can set it up now.');
    expect(text(overview)).toContain('You have not set up a sign-in method.');
    await browser.get(attribute(overview.html, /href="([^"]+)">Add an authenticator app</));
    const wrong = await browser.submit(`${ACCOUNT}/totp`, { currentPassword: 'not my password' });
    expect(wrong.status).toBe(403);
    expect(wrong.html).toMatch(/aria-describedby="field-currentPassword-hint field-currentPassword-error"/);
    expect(text(wrong)).toContain('Enter your current password to change your sign-in methods.');

    const setup = await browser.submit(`${ACCOUNT}/totp`, { currentPassword: PASSWORD });
    expect(setup.status).toBe(200);
    expect(text(setup)).toContain('Add an authenticator app');
    const phone = AuthenticatorApp.fromQrCode(attribute(setup.html, /<img class="qr" id="totp-qr" src="([^"]+)"/), env.clock);
    const enrollmentId = attribute(setup.html, /name="enrollmentId" value="([^"]+)"/);
    expect(attribute(setup.html, /<form method="post" action="([^"]+)" novalidate>/)).toBe(`${ACCOUNT}/enrollment/confirm`);

    const wrongCode = await browser.submit(`${ACCOUNT}/enrollment/confirm`, { enrollmentId, code: phone.wrongCode() });
    expect(wrongCode.status).toBe(422);
    expect(text(wrongCode)).toContain('The code is not correct.');
    expect(wrongCode.html).not.toContain('id="totp-qr"');

    const saved = await browser.submit(`${ACCOUNT}/enrollment/confirm`, { enrollmentId, code: phone.code() });
    expect(saved.status).toBe(200);
    const recoveryCode = attribute(saved.html, /<p class="recovery-code" id="recovery-code">([^<]+)<\/p>/);
    expect((await browser.submit(`${ACCOUNT}/recovery-code/saved`, { code: recoveryCode, done: 'factor_added' })).status).toBe(400);
    const back = await browser.submit(`${ACCOUNT}/recovery-code/saved`, { code: recoveryCode, done: 'factor_added', saved: 'yes' });
    expect(back).toMatchObject({ status: 303, location: `${ACCOUNT}?done=factor_added` });
    const after = await browser.follow(back);
    expect(text(after)).toContain('Your new sign-in method is set up.');
    expect(text(after)).toContain('Authenticator app');
    expect(after.html).not.toContain(recoveryCode);
    expect(await factorStatus(enrollmentId)).toMatchObject({ status: 'active' });
    // The recovery code shown is the account's one live code (REC-1).
    const { mfaToken } = (await signIn(app, member.email)).body;
    expect((await app.http.post(paths(app).redeem, { code: recoveryCode }, { token: mfaToken })).status).toBe(200);
  });

  it('WEB-4 TOTP-5 REC-2 ABUSE-9 changing the authenticator app: the old one works until the new one is confirmed, then goes with its devices', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const browser = await signInWithApp(app, user);
    const deviceToken = browser.cookie('__Host-sitepass-device')!;
    await browser.get(`${ACCOUNT}/totp`);
    expect(text(await browser.get(`${ACCOUNT}/totp`))).toContain('Your current app keeps working until you confirm the new one.');
    const setup = await browser.submit(`${ACCOUNT}/totp`, { currentPassword: PASSWORD });
    expect(text(setup)).toContain('Change your authenticator app');
    const phone = AuthenticatorApp.fromQrCode(attribute(setup.html, /<img class="qr" id="totp-qr" src="([^"]+)"/), env.clock);
    const enrollmentId = attribute(setup.html, /name="enrollmentId" value="([^"]+)"/);
    expect(await factorStatus(user.factorId)).toMatchObject({ status: 'active' });

    const saved = await browser.submit(`${ACCOUNT}/enrollment/confirm`, { enrollmentId, code: phone.code() });
    const recoveryCode = attribute(saved.html, /<p class="recovery-code" id="recovery-code">([^<]+)<\/p>/);
    const back = await browser.follow(
      await browser.submit(`${ACCOUNT}/recovery-code/saved`, { code: recoveryCode, done: 'factor_changed', saved: 'yes' }),
    );
    expect(text(back)).toContain('Your sign-in method is changed. The old one no longer works.');
    expect(await factorStatus(user.factorId)).toEqual({ status: 'revoked', revoked_reason: 'replaced' });
    expect((await signIn(app, user.email, PASSWORD, { deviceToken })).body.status).toBe('mfa_required');
  });

  it('WEB-4 SMS-1 SMS-3 SMS-9 adding a phone: country and number, then the texted code confirms it', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const browser = await signInWithApp(app, user);
    const form = await browser.get(`${ACCOUNT}/sms`);
    expect(text(form)).toContain('Add a phone for text messages');
    expect(form.html).toContain('<option value="US"');
    expect(form.html).not.toContain('<option value="BR"');

    const invalid = await browser.submit(`${ACCOUNT}/sms`, { country: 'US', number: '555', currentPassword: PASSWORD });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toMatch(/<p class="error" id="field-number-error">Enter a valid mobile number.<\/p>/);
    expect(twilio.requests).toHaveLength(0);

    const started = await browser.submit(`${ACCOUNT}/sms`, { country: 'US', number: '(415) 555-0123', currentPassword: PASSWORD });
    expect(started).toMatchObject({ status: 303, location: expect.stringMatching(/^\/account\/security\/enrollment\?id=[0-9a-f-]{36}$/) });
    const codeForm = await browser.follow(started);
    expect(text(codeForm)).toContain('We sent a 6-digit code to +1******0123.');
    expect(codeForm.html).toContain('data-webotp');
    await eventually(() => expect(twilio.delivered).toHaveLength(1));

    const enrollmentId = attribute(codeForm.html, /name="enrollmentId" value="([^"]+)"/);
    const confirmed = await browser.submit(`${ACCOUNT}/enrollment/confirm`, { enrollmentId, code: twilio.lastCodeTo(PHONE) });
    expect(confirmed).toMatchObject({ status: 303, location: `${ACCOUNT}?done=factor_added` });
    const after = await browser.follow(confirmed);
    expect(text(after)).toContain('Your new sign-in method is set up.');
    expect(text(after)).toContain('Text message +1******0123');
    const { rows } = await env.db.query(`SELECT status, phone_number FROM factors WHERE id = $1`, [enrollmentId]);
    expect(rows[0]).toEqual({ status: 'active', phone_number: PHONE });
  });

  it('WEB-4 SMS-8 SMS-5 a test message goes to the phone without a code; a second one at once is refused beside its button', async () => {
    const app = await env.standard();
    const { phoneId, browser } = await withAppAndPhone(app);
    await browser.get(ACCOUNT);
    const sent = await browser.submit(`${ACCOUNT}/factors/${phoneId}/test-message`, {});
    expect(sent).toMatchObject({ status: 303, location: `${ACCOUNT}?done=test_message` });
    expect(text(await browser.follow(sent))).toContain('A test message is on its way to your phone. It has no code in it.');
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    expect(twilio.delivered[0]!.form.To).toBe(PHONE);
    expect(twilio.delivered[0]!.form.Body).not.toMatch(/\d{6}/);

    const again = await browser.submit(`${ACCOUNT}/factors/${phoneId}/test-message`, {});
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(again.html).toContain(`aria-describedby="test-${phoneId}-error"`);
    expect(again.html).toContain(`<p class="error" id="test-${phoneId}-error">A code was just sent. Wait before asking for another.</p>`);
  });

  it('WEB-4 POL-8 removing a factor takes the password; the last one is refused in the API’s words', async () => {
    const app = await env.standard();
    const { user, phoneId, browser } = await withAppAndPhone(app);
    const removal = await browser.get(`${ACCOUNT}/factors/${phoneId}/remove`);
    expect(text(removal)).toContain('Remove the phone +1******0123');
    const wrong = await browser.submit(`${ACCOUNT}/factors/${phoneId}/remove`, { currentPassword: 'not my password' });
    expect(wrong.status).toBe(403);
    expect(wrong.html).toContain('<p class="error" id="field-currentPassword-error">');
    expect(await factorStatus(phoneId)).toMatchObject({ status: 'active' });

    const removed = await browser.submit(`${ACCOUNT}/factors/${phoneId}/remove`, { currentPassword: PASSWORD });
    expect(removed).toMatchObject({ status: 303, location: `${ACCOUNT}?done=factor_removed` });
    const after = await browser.follow(removed);
    expect(text(after)).toContain('The sign-in method is removed.');
    expect(text(after)).not.toContain('+1******0123');
    expect(await factorStatus(phoneId)).toEqual({ status: 'revoked', revoked_reason: 'removed' });

    await browser.get(`${ACCOUNT}/factors/${user.factorId}/remove`);
    const last = await browser.submit(`${ACCOUNT}/factors/${user.factorId}/remove`, { currentPassword: PASSWORD });
    expect(last.status).toBe(409);
    expect(text(last)).toContain('MFA is required for your account: add another factor before removing this one.');
    expect(last.html).toContain('role="alert"');
    expect(await factorStatus(user.factorId)).toMatchObject({ status: 'active' });
  });

  it('WEB-4 REC-1 REC-2 a new recovery code is shown once, and the old one stops working', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const browser = await signInWithApp(app, user);
    const overview = await browser.get(ACCOUNT);
    await browser.get(attribute(overview.html, /href="([^"]+)">Get a new recovery code</));
    const shown = await browser.submit(`${ACCOUNT}/recovery-code`, { currentPassword: PASSWORD });
    expect(shown.status).toBe(200);
    expect(text(shown)).toContain('Save your recovery code');
    const recoveryCode = attribute(shown.html, /<p class="recovery-code" id="recovery-code">([^<]+)<\/p>/);
    expect(recoveryCode).not.toBe(user.recoveryCode);
    const back = await browser.submit(`${ACCOUNT}/recovery-code/saved`, { code: recoveryCode, done: 'recovery_code', saved: 'yes' });
    const after = await browser.follow(back);
    expect(text(after)).toContain('Your new recovery code is saved. The old one no longer works.');
    expect(after.html).not.toContain(recoveryCode);

    const redeem = async (code: string) => {
      const { mfaToken } = (await signIn(app, user.email)).body;
      return app.http.post(paths(app).redeem, { code }, { token: mfaToken });
    };
    expect((await redeem(user.recoveryCode)).body.code).toBe('verification_failed');
    expect((await redeem(recoveryCode)).status).toBe(200);
  });

  it('WEB-4 ABUSE-9 SES-6 revoking one trusted device, then all: the next sign-in on each asks for MFA again', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const laptop = await signInWithApp(app, user);
    const phone = await signInWithApp(app, user);
    const tokenOf = (browser: PageClient) => browser.cookie('__Host-sitepass-device')!;
    const withDevice = async (browser: PageClient) =>
      (await signIn(app, user.email, PASSWORD, { deviceToken: tokenOf(browser) })).body.status;
    expect([await withDevice(laptop), await withDevice(phone)]).toEqual(['authenticated', 'authenticated']);

    const revokeForms = (html: string) => html.match(/action="\/account\/security\/devices\/[0-9a-f-]{36}\/revoke"/g) ?? [];
    // The API sign-in that enrolled the app trusted a device first, then the laptop, then the phone.
    expect(revokeForms((await laptop.get(ACCOUNT)).html)).toHaveLength(3);
    const { rows } = await env.db.query(`SELECT id FROM trusted_devices WHERE user_id = $1 ORDER BY created_at`, [user.userId]);
    const revoked = await laptop.submit(`${ACCOUNT}/devices/${rows[2].id}/revoke`, {});
    expect(revoked).toMatchObject({ status: 303, location: `${ACCOUNT}?done=device_revoked` });
    const after = await laptop.follow(revoked);
    expect(text(after)).toContain('That device will ask for two-step verification at its next sign-in.');
    expect(revokeForms(after.html)).toHaveLength(2);
    expect([await withDevice(laptop), await withDevice(phone)]).toEqual(['authenticated', 'mfa_required']);

    const all = await laptop.follow(await laptop.submit(`${ACCOUNT}/devices/revoke-all`, {}));
    expect(text(all)).toContain('Every device will ask for two-step verification at its next sign-in.');
    expect(text(all)).toContain('No device skips the second step.');
    expect(await withDevice(laptop)).toBe('mfa_required');
  });

  it('WEB-4 I18N-2 the language chosen on the page is saved, and the next page speaks it; the browser’s comes back when it is cleared', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const browser = await signInWithApp(app, user, new PageClient(app.http.baseUrl, 'fr-FR,fr;q=0.9'));
    expect(text(await browser.get(ACCOUNT))).toContain('Sécurité du compte');

    const refused = await browser.submit(`${ACCOUNT}/language`, { locale: 'tlh' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('aria-describedby="field-locale-error"');

    const saved = await browser.submit(`${ACCOUNT}/language`, { locale: 'de' });
    expect(saved).toMatchObject({ status: 303, location: `${ACCOUNT}?done=language` });
    const german = await browser.follow(saved);
    expect(german.html).toContain('<html lang="de">');
    expect(text(german)).toContain('Ihre Sprache ist gespeichert.');
    expect(text(german)).toContain('Kontosicherheit');
    expect(german.html).toContain('<option value="de" lang="de"  selected>Deutsch</option>');
    expect((await env.db.query(`SELECT locale FROM users WHERE id = $1`, [user.userId])).rows[0].locale).toBe('de');
    const { accessToken } = (await signInWithTotp(app, user)).verified.body;
    expect((await app.http.get('/v1/me/locale', { token: accessToken })).body.locale).toBe('de');

    const cleared = await browser.follow(await browser.submit(`${ACCOUNT}/language`, { locale: '' }));
    expect(cleared.html).toContain('<html lang="fr">');
    expect(text(cleared)).toContain('Votre langue est enregistrée.');
  });

  it('WEB-4 POL-8 ABUSE-5 an MFA check older than 10 minutes: the change waits for a factor proven on the page, then goes on', async () => {
    const app = await env.standard();
    const { user, phoneId, browser } = await withAppAndPhone(app);
    env.clock.advance(11 * 60);
    await browser.get(`${ACCOUNT}/factors/${phoneId}/remove`);
    const returnTo = `${ACCOUNT}/factors/${phoneId}/remove`;
    const toVerify = { status: 303, location: `${ACCOUNT}/verify?return=${encodeURIComponent(returnTo)}` };
    // ABUSE-5: the MFA check comes before the password, so a stale session learns nothing about a guessed one.
    expect(await browser.submit(returnTo, { currentPassword: 'a guess' })).toMatchObject(toVerify);
    await browser.get(returnTo);
    const asked = await browser.submit(returnTo, { currentPassword: PASSWORD });
    expect(asked).toMatchObject(toVerify);
    expect(await factorStatus(phoneId)).toMatchObject({ status: 'active' });

    const choice = await browser.follow(asked);
    expect(text(choice)).toContain('Changing how you sign in needs a check from the last 10 minutes.');
    expect(text(choice)).toContain('Authenticator app');
    expect(text(choice)).toContain('Text message to +1******0123');
    const codeForm = await browser.follow(await browser.submit(`${ACCOUNT}/verify`, { factorId: user.factorId, return: returnTo }));
    expect(text(codeForm)).toContain('Enter the 6-digit code your authenticator app shows for Sitepass.');
    const action = attribute(codeForm.html, /<form method="post" action="([^"]+)" novalidate>/);
    expect(action).toMatch(new RegExp(`^/account/security/verify/code\\?challenge=[0-9a-f-]{36}&return=${encodeURIComponent(returnTo)}$`));

    const wrong = await browser.submit(action, { code: user.app.wrongCode() });
    expect(wrong.status).toBe(422);
    expect(text(wrong)).toContain('The code is not correct. 4 attempts left.');
    const verified = await browser.submit(action, { code: user.app.code() });
    expect(verified).toMatchObject({ status: 303, location: `${returnTo}?verified=1` });
    const back = await browser.follow(verified);
    expect(text(back)).toContain('Thank you, it is you. Now finish the change.');

    const removed = await browser.submit(`${ACCOUNT}/factors/${phoneId}/remove`, { currentPassword: PASSWORD });
    expect(removed).toMatchObject({ status: 303, location: `${ACCOUNT}?done=factor_removed` });
    expect(await factorStatus(phoneId)).toEqual({ status: 'revoked', revoked_reason: 'removed' });
  });

  it('WEB-4 POL-8 the way back after re-verification is a page of the account only', async () => {
    const app = await env.standard();
    const { user, browser } = await withAppAndPhone(app);
    const choice = await browser.get(`${ACCOUNT}/verify?return=${encodeURIComponent('https://evil.example/')}`);
    expect(attribute(choice.html, /name="return" value="([^"]+)"/)).toBe(ACCOUNT);
    const codeForm = await browser.follow(await browser.submit(`${ACCOUNT}/verify`, { factorId: user.factorId, return: '//evil.example' }));
    const challengeId = new URL(
      attribute(codeForm.html, /<form method="post" action="([^"]+)" novalidate>/),
      app.http.baseUrl,
    ).searchParams.get('challenge');
    const verified = await browser.submit(`${ACCOUNT}/verify/code?challenge=${challengeId}&return=%2Fadmin%2Fcompanies`, {
      code: user.app.code(),
    });
    expect(verified).toMatchObject({ status: 303, location: `${ACCOUNT}?verified=1` });
  });

  it('WEB-4 ABUSE-9 SES-7 signing out everywhere ends every session of the user and forgets every trusted device', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const browser = await signInWithApp(app, user);
    const { accessToken } = (await signInWithTotp(app, user)).verified.body;
    await browser.get(ACCOUNT);
    const out = await browser.submit(`${ACCOUNT}/sign-out-everywhere`, {});
    expect(out).toMatchObject({ status: 303, location: '/signin?signed_out=1' });
    expect(text(await browser.follow(out))).toContain('You are signed out.');
    expect((await app.http.get('/v1/sessions/current', { token: accessToken })).body.code).toBe('session_revoked');
    expect((await browser.get(ACCOUNT)).status).toBe(303);
    const { rows } = await env.db.query(`SELECT count(*)::int AS live FROM trusted_devices WHERE user_id = $1 AND revoked_at IS NULL`, [
      user.userId,
    ]);
    expect(rows[0].live).toBe(0);
  });
});
