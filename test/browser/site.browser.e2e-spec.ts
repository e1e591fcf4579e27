import { gzipSync } from 'node:zlib';
import { SCRIPT, STYLESHEET } from '@sitepass/web';
import type { Page } from 'playwright-core';
import { STANDARD_PAGES } from '../../apps/standard-mfa/src/standard-mfa.module';
import { checkAccessibility } from '../support/accessibility';
import { readQrCode, useBrowser } from '../support/browser';
import { createUser, PASSWORD } from '../support/factories';
import { eventually } from '../support/fake-twilio';
import { useTestEnvironment } from '../support/harness';
import { usePagesStack } from '../support/pages-stack';
import { heading } from '../support/page-flows';
import { parseOtpAuthUri, totpCode } from '../support/totp';

/** Presses Tab until the focus is on the control with this text or label, as a keyboard user would. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let presses = 0; presses < 20; presses += 1) {
    await page.keyboard.press('Tab');
    // In the page (as text: the tests compile without the DOM's types).
    const focused = await page.evaluate<string>(`(() => {
      const element = document.activeElement;
      const label = element && element.id ? document.querySelector('label[for="' + element.id + '"]') : null;
      return ((label ? label.textContent : element ? element.textContent : '') || '').trim();
    })()`);
    if (focused === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

describe('WEB-8 WEB-9 I18N-1 the hosted pages as a whole, in Chromium', () => {
  const env = useTestEnvironment();
  const stack = usePagesStack(env, { pages: STANDARD_PAGES });
  const browser = useBrowser();

  it('WEB-9 a page’s script and style weigh under 50 KB compressed, and no page asks a third party for anything', async () => {
    expect(gzipSync(STYLESHEET).length + gzipSync(SCRIPT).length).toBeLessThan(50 * 1024);
    const user = await createUser(stack.app, { alwaysRequireMfa: true });
    const page = await browser.newPage(stack.app);
    const origins = new Set<string>();
    page.on('request', (request) => {
      if (!request.url().startsWith('data:')) origins.add(new URL(request.url()).origin);
    });
    await page.goto('/signin');
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'Set up two-step verification');
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Set up your authenticator app');
    expect([...origins]).toEqual([stack.app.http.baseUrl]);
  });

  it('WEB-8 the sign-in and the enrollment work by keyboard alone', async () => {
    const user = await createUser(stack.app, { alwaysRequireMfa: true });
    const page = await browser.newPage(stack.app);
    await page.goto('/signin');
    // The email field has the focus when the page opens; Tab moves on, Enter sends.
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Set up two-step verification');
    // The first method is chosen already: on to the button.
    await tabTo(page, 'Continue');
    await page.keyboard.press('Enter');
    await heading(page, 'Set up your authenticator app');
    const secret = parseOtpAuthUri(await readQrCode(page, '#totp-qr')).secret;
    await page.keyboard.type(totpCode(secret, env.clock.now()));
    await page.keyboard.press('Enter');
    await heading(page, 'Save your recovery code');
    await tabTo(page, 'I have saved my recovery code');
    await page.keyboard.press('Space');
    await tabTo(page, 'Continue');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/account/security');
  });

  it('I18N-1 I18N-2 a French-speaking user reads the pages, the texted code and the security email in French', async () => {
    const user = await createUser(stack.app, { alwaysRequireMfa: true });
    await env.db.query(`UPDATE users SET locale = 'fr' WHERE id = $1`, [user.id]);
    const page = await browser.newPage(stack.app);
    await page.setExtraHTTPHeaders({ 'accept-language': 'fr' });
    await page.goto('/signin');
    await heading(page, 'Connexion');
    await page.getByLabel('Adresse e-mail').fill(user.email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await heading(page, 'Configurer la validation en deux étapes');
    expect(await checkAccessibility(page)).toEqual([]);
    await page.getByLabel('SMS').check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await heading(page, 'Configurer les SMS');
    await page.getByLabel('Pays').selectOption('US');
    await page.getByLabel('Numéro de mobile').fill('415 555 0147');
    await page.getByRole('button', { name: 'M’envoyer un code' }).click();
    await heading(page, 'Saisissez le code reçu par SMS');
    const text = await eventually(() => {
      const body = stack.twilio.delivered[0]?.form.Body;
      if (!body) throw new Error('no text yet');
      return body;
    });
    expect(text).toContain('Votre code Sitepass est');
    await page.getByLabel('Code de vérification').fill(/(\d{6})/.exec(text)![1]!);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await heading(page, 'Enregistrez votre code de récupération');
    const mail = await eventually(() => {
      const [first] = stack.smtp.to(user.email);
      if (!first) throw new Error('no email yet');
      return first;
    });
    expect(mail.subject).toBe('Sitepass : une méthode de connexion a été ajoutée');
  });
});
