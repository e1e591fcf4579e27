import type { Page } from 'playwright-core';
import { STANDARD_PAGES } from '../../apps/standard-mfa/src/standard-mfa.module';
import { checkAccessibility } from '../support/accessibility';
import { readQrCode, useBrowser } from '../support/browser';
import { createUser, PASSWORD, registerPhone } from '../support/factories';
import { eventually } from '../support/fake-twilio';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser } from '../support/mfa';
import { usePagesStack } from '../support/pages-stack';
import { checkPage, heading, productLink, useProductBackEnd } from '../support/page-flows';
import { parseOtpAuthUri, totpCode } from '../support/totp';

describe('WEB-10 the hosted sign-in in Chromium, against the real stack', () => {
  const env = useTestEnvironment();
  const { overrides } = useProductBackEnd();
  const stack = usePagesStack(env, { pages: STANDARD_PAGES, overrides });
  const browser = useBrowser();

  /** The product's side of the hand-off: a PKCE pair and the URL that starts the flow. */
  function productSignIn() {
    const { link, codeVerifier } = productLink('/signin', overrides.WEB_RETURN_URLS!, { state: 's1' });
    return { codeVerifier, start: link };
  }

  async function signInWithPassword(page: Page, email: string): Promise<void> {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  for (const javaScript of [true, false]) {
    it(`WEB-10 WEB-2 WEB-3 ${javaScript ? 'WEB-8' : 'WEB-9'} an unenrolled user scans the QR code, saves the recovery code and returns to the product with a code (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const user = await createUser(stack.app, { alwaysRequireMfa: true });
      const page = await browser.newPage(stack.app, { javaScript });
      const { codeVerifier, start } = productSignIn();
      await page.goto(start);
      await heading(page, 'Sign in');
      if (javaScript) await checkPage(page, 'sign-in');
      await signInWithPassword(page, user.email);

      await heading(page, 'Set up two-step verification');
      if (javaScript) await checkPage(page, 'enroll-choose');
      await page.getByLabel('Authenticator app (recommended)').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Set up your authenticator app');
      if (javaScript) await checkPage(page, 'enroll-authenticator-app');
      // The phone's camera reads the screen, not the page's text.
      const secret = parseOtpAuthUri(await readQrCode(page, '#totp-qr')).secret;
      await page.getByLabel('Verification code').fill(totpCode(secret, env.clock.now()));
      await page.getByRole('button', { name: 'Verify' }).click();

      await heading(page, 'Save your recovery code');
      if (javaScript) await checkPage(page, 'recovery-code');
      await expect(page.locator('#recovery-code').textContent()).resolves.toMatch(/\w{4}-/);
      await page.getByLabel('I have saved my recovery code').check();
      await page.getByRole('button', { name: 'Continue' }).click();

      await page.waitForURL((url) => url.pathname === '/callback');
      const returned = new URL(page.url());
      expect(returned.searchParams.get('state')).toBe('s1');
      const exchanged = await stack.app.http.post('/v1/sessions/exchange', { code: returned.searchParams.get('code'), codeVerifier });
      expect(exchanged.status).toBe(200);
      const session = await stack.app.http.get('/v1/sessions/current', { token: exchanged.body.accessToken });
      expect(session.body).toMatchObject({ userId: user.id, acr: 'aal2', amr: ['pwd', 'otp'] });
    });
  }

  it('WEB-10 WEB-1 the next sign-in asks for the app’s code, with the error beside the field for a wrong one', async () => {
    const user = await createEnrolledUser(stack.app, env.clock);
    const page = await browser.newPage(stack.app);
    await page.goto('/signin');
    await signInWithPassword(page, user.email);
    await heading(page, 'Verify your identity');
    await page.getByLabel('Verification code').fill(user.app.wrongCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'Verify your identity');
    const field = page.getByLabel('Verification code');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(
      page.locator(`#${await field.getAttribute('aria-describedby').then((ids) => ids!.split(' ').pop())}`).textContent(),
    ).resolves.toContain('attempts left');
    await checkPage(page, 'verify-code-error');
    await field.fill(user.app.code());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL('**/account/security');
  });

  it('WEB-10 WEB-1 SMS-5 an SMS user gets the texted code, sees the resend countdown run out, and signs in with a new code', async () => {
    const user = await createUser(stack.app, { alwaysRequireMfa: true });
    await registerPhone(env.db, user.id, '+14155550199', env.clock.now());
    const page = await browser.newPage(stack.app);
    await page.clock.install();
    await page.goto('/signin');
    await signInWithPassword(page, user.email);
    await heading(page, 'Verify your identity');
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Verify your identity');
    const codeOf = (index: number) =>
      eventually(() => {
        const body = stack.twilio.delivered[index]?.form.Body ?? '';
        const code = /(\d{6})/.exec(body)?.[1];
        if (!code) throw new Error('no text yet');
        return code;
      });
    await codeOf(0);
    const resend = page.getByRole('button', { name: 'Send a new code' });
    await expect(resend.isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('timer').textContent()).resolves.toMatch(/^0:[0-9]{2}$/);
    await checkPage(page, 'verify-sms');
    await page.clock.runFor(61_000);
    await expect(resend.isEnabled()).resolves.toBe(true);
    env.clock.advance(61);
    await resend.click();
    await heading(page, 'Verify your identity');
    const second = await codeOf(1);
    await page.getByLabel('Verification code').fill(second);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL('**/account/security');
  });

  it('WEB-10 I18N-1 a French-speaking browser gets the sign-in in French, accessible too', async () => {
    const page = await browser.newPage(stack.app);
    await page.setExtraHTTPHeaders({ 'accept-language': 'fr-FR,fr;q=0.9' });
    await page.goto('/signin');
    await heading(page, 'Connexion');
    await expect(page.getByLabel('Adresse e-mail').isVisible()).resolves.toBe(true);
    expect(await checkAccessibility(page)).toEqual([]);
  });
});
