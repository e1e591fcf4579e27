import { CSRF_COOKIE } from '@sitepass/http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { PNG } from 'pngjs';
import { checkAccessibility } from '../support/accessibility';
import { captureScreenshots, readQrCode, screenshot, useBrowser, VIEWPORTS } from '../support/browser';
import { createUser, signIn } from '../support/factories';
import { eventually } from '../support/fake-twilio';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser } from '../support/mfa';
import { usePagesStack } from '../support/pages-stack';
import { PROBE_OTPAUTH_URI, ProbePagesController } from './probe-pages.controller';

/** Fills in the probe form's name and sends it with Enter, as at a keyboard; the answer to its POST. */
async function sendForm(page: Page, name: string): Promise<Response> {
  const answer = page.waitForResponse((response) => response.request().method() === 'POST');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Name').press('Enter');
  return answer;
}

/** Waits for the page a navigation brought, by its heading. */
function heading(page: Page, name: string): Promise<void> {
  return page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

describe('hosted pages in Chromium: the edge, through the browser test support', () => {
  const env = useTestEnvironment();
  const stack = usePagesStack(env, { pages: { prefixes: ['/pages'] }, controllers: [ProbePagesController] });
  const browser = useBrowser();

  it('WEB-7 WEB-8 WEB-10 a person sends a page’s form by keyboard: Chromium keeps the __Host- CSRF cookie on plain http://127.0.0.1', async () => {
    const page = await browser.newPage(stack.app);
    await page.goto('/pages/probe/form');
    expect(await page.context().cookies()).toEqual([
      expect.objectContaining({ name: CSRF_COOKIE, domain: '127.0.0.1', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }),
    ]);
    // The page's own script ran: the CSP lets same-origin scripts in.
    expect(await page.locator('html').getAttribute('data-enhanced')).toBe('true');
    expect(await checkAccessibility(page)).toEqual([]);

    await page.keyboard.press('Tab');
    await page.keyboard.type('Zoë Lee');
    await page.keyboard.press('Tab');
    const answer = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.keyboard.press('Enter');
    expect((await answer).status()).toBe(200);
    await heading(page, 'Thank you, Zoë Lee');
    expect(page.url()).toBe(`${stack.app.http.baseUrl}/pages/probe/form`);
    expect(await page.title()).toBe('Thank you · Sitepass');
    expect(await checkAccessibility(page)).toEqual([]);
  });

  it('WEB-7 WEB-8 a form whose browser lost its CSRF cookie gets the HTML error page, which passes axe; a reload mends it', async () => {
    const page = await browser.newPage(stack.app);
    await page.goto('/pages/probe/form');
    await page.context().clearCookies();
    // As the gateway would send it (SEC-4); a fixed id also keeps the screenshot the same from run to run.
    await page.setExtraHTTPHeaders({ 'x-request-id': 'gw-4f1c2a9e' });
    expect((await sendForm(page, 'Zoë Lee')).status()).toBe(403);
    await heading(page, 'Forbidden');
    expect(await page.title()).toBe('Forbidden');
    const text = await page.getByRole('main').textContent();
    expect(text).toContain('This form has expired or was not sent from this site.');
    expect(text).toContain('Request id: gw-4f1c2a9e');
    expect(await checkAccessibility(page)).toEqual([]);
    await screenshot(page, 'error-page');

    await page.goto('/pages/probe/form');
    expect((await sendForm(page, 'Zoë Lee')).status()).toBe(200);
    await heading(page, 'Thank you, Zoë Lee');
  });

  it('WEB-7 a form on another site is refused even with a valid token: SameSite=Lax keeps the cookie at home', async () => {
    const page = await browser.newPage(stack.app);
    await page.goto('/pages/probe/form');
    const token = await page.locator('input[name="_csrf"]').inputValue();
    // Another site, served by the browser's router: its form posts the victim's (leaked) token to the app.
    await page.route('http://elsewhere.test/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><title>Prize</title><form method="post" action="${stack.app.http.baseUrl}/pages/probe/form">
<input type="hidden" name="_csrf" value="${token}"><input type="hidden" name="name" value="Mallory"><button>Claim</button></form>`,
      }),
    );
    await page.goto('http://elsewhere.test/prize');
    const answer = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Claim' }).click();
    expect((await answer).status()).toBe(403);
    await heading(page, 'Forbidden');
    expect(await page.context().cookies(stack.app.http.baseUrl)).toEqual([expect.objectContaining({ name: CSRF_COOKIE })]);
  });

  it('WEB-9 WEB-8 the form works with JavaScript off: server-rendered HTML and a plain form post', async () => {
    const page = await browser.newPage(stack.app, { javaScript: false });
    await page.goto('/pages/probe/form');
    expect(await page.locator('html').getAttribute('data-enhanced')).toBeNull();
    expect(await checkAccessibility(page)).toEqual([]);
    expect((await sendForm(page, 'Zoë Lee')).status()).toBe(200);
    await heading(page, 'Thank you, Zoë Lee');
    expect(await checkAccessibility(page)).toEqual([]);
  });

  it('WEB-8 checkAccessibility names each broken rule, its impact and its elements, with JavaScript on or off', async () => {
    for (const javaScript of [true, false]) {
      const page = await browser.newPage(stack.app, { javaScript });
      await page.goto('/pages/probe/inaccessible');
      expect(await checkAccessibility(page)).toEqual([
        { rule: 'image-alt', impact: 'critical', help: 'Images must have alternative text', targets: ['#logo'] },
        { rule: 'label', impact: 'critical', help: 'Form elements must have labels', targets: ['#unlabelled'] },
      ]);
    }
  });

  it('WEB-10 readQrCode reads the code off a screenshot of the image, as a phone’s camera would', async () => {
    const page = await browser.newPage(stack.app);
    await page.goto('/pages/probe/authenticator');
    expect(await checkAccessibility(page)).toEqual([]);
    expect(await readQrCode(page, '#qr-code')).toBe(PROBE_OTPAUTH_URI);
    await expect(readQrCode(page, 'h1')).rejects.toThrow('no QR code found in the image');
  });

  it('WEB-10 screenshots are full pages at desktop (1280 px) and phone (320 px) width, and the page keeps its viewport', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sitepass-screenshots-'));
    try {
      const page = await browser.newPage(stack.app);
      await page.goto('/pages/probe/form');
      const paths = await captureScreenshots(page, 'probe-form', directory);
      expect(paths).toEqual([join(directory, 'probe-form-desktop.png'), join(directory, 'probe-form-phone.png')]);
      const images = paths.map((path) => PNG.sync.read(readFileSync(path)));
      expect(images.map((image) => image.width)).toEqual([1280, 320]);
      expect(images.map((image) => image.height)).toEqual([800, 640]);
      expect(page.viewportSize()).toEqual(VIEWPORTS.desktop);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('WEB-10 the stack’s worker texts through the local Twilio and emails the SMTP sink, for the page flows to read', async () => {
    const enrolled = await createEnrolledUser(stack.app, env.clock);
    const user = await createUser(stack.app, { alwaysRequireMfa: true });
    const { mfaToken } = (await signIn(stack.app, user.email)).body as { mfaToken: string };
    const phone = await stack.app.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber: '+1 415 555 0142' }, { token: mfaToken });
    expect(phone.status).toBe(202);
    await eventually(() => expect(stack.twilio.lastCodeTo('+14155550142')).toMatch(/^\d{6}$/));
    await eventually(() =>
      expect(stack.smtp.to(enrolled.email).map((mail) => mail.subject)).toEqual(['Sitepass: a sign-in method was added']),
    );
  });
});
