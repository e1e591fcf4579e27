import { User } from '@sitepass/database';
import { createUser, PASSWORD } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { PageClient, PageResponse, visibleText } from '../support/page-client';
import { createPayUser } from '../support/pay';
import { emailedEnrollmentCode, SmtpSink } from '../support/smtp-sink';
import { decodeQrDataUrl, parseOtpAuthUri, totpCode } from '../support/totp';

const REQUIRED = { ENROLLMENT_EMAIL_PROOF: 'required' };

/** ABUSE-16 on the hosted pages, as a browser without scripts uses them (WEB-9). */
describe('ABUSE-16 WEB-3 the sign-in’s enrollment step asks for the code emailed to the account', () => {
  const env = useTestEnvironment();
  const smtp = new SmtpSink();
  beforeAll(async () => {
    await smtp.start();
    await env.start('worker', { SMTP_URL: smtp.url, MAIL_FROM: 'Sitepass <security@sitepass.test>', OUTBOX_POLL_MS: '50' });
  });
  beforeEach(() => smtp.received.splice(0));
  afterAll(() => smtp.close());

  /** Password, then the authenticator app's setup page: the browser, the app's secret and the enrollment. */
  async function setUpApp(app: RunningApp, base: string, user: User) {
    const browser = new PageClient(app.http.baseUrl);
    await browser.get(`${base}/signin`);
    await browser.follow(await browser.submit(`${base}/signin`, { email: user.email, password: PASSWORD }));
    const setup = await browser.submit(`${base}/signin/enroll`, { factorType: 'totp' });
    expect(setup.status).toBe(200);
    const qr = /<img class="qr" id="totp-qr" src="([^"]+)"/.exec(setup.html)![1]!;
    const secret = parseOtpAuthUri(decodeQrDataUrl(qr.replace(/&amp;/g, '&'))).secret;
    const enrollmentId = /name="enrollmentId" value="([^"]+)"/.exec(setup.html)![1]!;
    return { browser, setup, secret, enrollmentId };
  }

  /** The email code's field as WEB-1 wants a code field: labelled, one-time-code, numeric, its hint and error tied to it. */
  function expectEmailCodeField(page: PageResponse, error?: string) {
    const field = /<input\s+id="field-emailCode"[^>]*>/.exec(page.html)?.[0] ?? '';
    expect(page.html).toContain('<label for="field-emailCode">Code from the email we sent to u•••@example.com</label>');
    expect(field).toContain('name="emailCode"');
    expect(field).toContain('autocomplete="one-time-code"');
    expect(field).toContain('inputmode="numeric"');
    expect(field).toContain(`aria-describedby="field-emailCode-hint${error ? ' field-emailCode-error' : ''}"`);
    if (error) {
      expect(field).toContain('aria-invalid="true"');
      expect(page.html).toContain(`<p class="error" id="field-emailCode-error">${error}</p>`);
    }
  }

  it('ABUSE-16 WEB-3 LOGIN-4 /signin: the app’s code alone does not finish the setup; with the emailed code it does', async () => {
    const app = await env.start('standard', REQUIRED);
    const user = await createUser(app, { alwaysRequireMfa: true });
    const { browser, setup, secret, enrollmentId } = await setUpApp(app, '', user);
    expectEmailCodeField(setup);

    const missing = await browser.submit('/signin/enroll/confirm', { enrollmentId, code: totpCode(secret, env.clock.now()) });
    expect(missing.status).toBe(400);
    expectEmailCodeField(missing, 'Enter the 6-digit code from the email.');

    const emailCode = await emailedEnrollmentCode(smtp, user.email);
    const wrongEmailCode = emailCode === '000000' ? '111111' : '000000';
    const wrong = await browser.submit('/signin/enroll/confirm', {
      enrollmentId,
      code: totpCode(secret, env.clock.now()),
      emailCode: wrongEmailCode,
    });
    expect(wrong.status).toBe(422);
    expectEmailCodeField(wrong, 'The code from the email is not correct. 4 tries left.');

    const done = await browser.submit('/signin/enroll/confirm', { enrollmentId, code: totpCode(secret, env.clock.now()), emailCode });
    expect(done.status).toBe(200);
    expect(done.html).toMatch(/<p class="recovery-code" id="recovery-code">[^<]+<\/p>/);
  });

  it('ABUSE-16 WEB-3 PAY-5 /pay/signin asks for the emailed code too, and speaks the user’s language', async () => {
    const pay = await env.start('pay', REQUIRED);
    const { user } = await createPayUser(pay, ['payments_disburser'], { userOverrides: { locale: 'fr' } });
    const { browser, setup, secret, enrollmentId } = await setUpApp(pay, '/pay', user);
    expect(visibleText(setup.html)).toContain('Code de l’e-mail envoyé à u•••@example.com');
    const missing = await browser.submit('/pay/signin/enroll/confirm', { enrollmentId, code: totpCode(secret, env.clock.now()) });
    expect(missing.status).toBe(400);
    expect(visibleText(missing.html)).toContain('Saisissez le code à 6 chiffres reçu par e-mail.');

    const emailCode = await emailedEnrollmentCode(smtp, user.email);
    const done = await browser.submit('/pay/signin/enroll/confirm', { enrollmentId, code: totpCode(secret, env.clock.now()), emailCode });
    expect(done.status).toBe(200);
    expect(done.html).toMatch(/<p class="recovery-code" id="recovery-code">[^<]+<\/p>/);
  });

  it('ABUSE-16 with ENROLLMENT_EMAIL_PROOF=off the setup page has no email code field', async () => {
    const app = await env.standard();
    const user = await createUser(app, { alwaysRequireMfa: true });
    const { setup } = await setUpApp(app, '', user);
    expect(setup.html).not.toContain('emailCode');
  });
});
