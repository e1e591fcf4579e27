import type { Page } from 'playwright-core';
import { PAY_PAGES } from '../../apps/pay-mfa/src/pay-mfa.module';
import { STANDARD_PAGES } from '../../apps/standard-mfa/src/standard-mfa.module';
import { addVirtualAuthenticator, useBrowser, VirtualAuthenticator } from '../support/browser';
import { createUser, PASSWORD } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { checkPage, codeAtProduct, heading, productLink, useProductBackEnd } from '../support/page-flows';
import { enrollPasskey } from '../support/passkeys';
import { createPayUser, expectStepUpAllowsOnce } from '../support/pay';
import { usePagesStack } from '../support/pages-stack';
import { SoftAuthenticator } from '../support/soft-authenticator';

/** The password step of a hosted sign-in (exact names: "Sign in with a passkey" is on the page too). */
async function signInWithPassword(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * LOGIN-4, PASSKEY-2: from the sign-in's enrollment step, the page's authenticator makes a passkey named `name`,
 * and the person saves the recovery code. With `screenshots`, each new page is checked with axe under that prefix.
 */
async function enrollPasskeyInSignIn(page: Page, name: string, screenshots?: string): Promise<void> {
  const check = (step: string) => (screenshots ? checkPage(page, `${screenshots}-${step}`) : Promise.resolve());
  await heading(page, 'Set up two-step verification');
  await page.getByLabel('Passkey').check();
  await check('enroll-choose-passkey');
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Set up a passkey');
  const nameField = page.getByLabel('Name of the passkey');
  await expect(nameField.inputValue()).resolves.toBe('Passkey');
  await check('enroll-passkey-name');
  await nameField.fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Set up a passkey');
  await expect(page.locator('main').innerText()).resolves.toContain(`“${name}”`);
  await check('enroll-passkey-create');
  await page.getByRole('button', { name: 'Create the passkey' }).click();
  await heading(page, 'Save your recovery code');
  await expect(page.locator('#recovery-code').textContent()).resolves.toMatch(/\w{4}-/);
  await page.getByLabel('I have saved my recovery code').check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** WEB-2: the product's back end exchanges the code for a session of its own, and reads its assurance. */
async function exchangedSession(app: RunningApp, code: string, codeVerifier: string) {
  const sessions = app.kind === 'pay' ? '/v1/pay/sessions' : '/v1/sessions';
  const exchanged = await app.http.post(`${sessions}/exchange`, { code, codeVerifier });
  expect(exchanged.status).toBe(200);
  const current = await app.http.get(`${sessions}/current`, { token: exchanged.body.accessToken });
  return { ...(current.body as { userId: string; acr: string; amr: string[] }), accessToken: exchanged.body.accessToken as string };
}

describe('PASSKEY-2 PASSKEY-3 WEB-10 passkeys on the hosted sign-in in Chromium, with its virtual authenticator', () => {
  const env = useTestEnvironment();
  const { overrides } = useProductBackEnd();
  const stack = usePagesStack(env, { pages: STANDARD_PAGES, overrides, passkeys: true });
  const browser = useBrowser();

  /** A page at the passkeys origin, with a platform authenticator that answers every ceremony. */
  async function pageWithAuthenticator(): Promise<{ page: Page; authenticator: VirtualAuthenticator }> {
    const page = await browser.newPage(stack.app, { baseURL: stack.origin });
    return { page, authenticator: await addVirtualAuthenticator(page) };
  }

  /** A product's sign-in link, followed through `steps`: the session the product's back end gets for the code. */
  async function signInFromProduct(page: Page, state: string, steps: () => Promise<void>) {
    const { link, codeVerifier } = productLink('/signin', overrides.WEB_RETURN_URLS!, { state });
    await page.goto(link);
    await heading(page, 'Sign in');
    await steps();
    return exchangedSession(stack.app, await codeAtProduct(page, state), codeVerifier);
  }

  /** SES-7 on the page, then the browser forgets that it was trusted (SES-6), so that the next sign-in asks the second step. */
  async function signOut(page: Page): Promise<void> {
    await page.goto('/signin/done');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'Sign in');
    await page.context().clearCookies({ name: '__Host-sitepass-device' });
  }

  it('PASSKEY-6 PASSKEY-2 LOGIN-4 WEB-2 WEB-8 an unenrolled user makes a passkey inside the sign-in, saves the recovery code and returns to the product with a passkey session', async () => {
    const user = await createUser(stack.app, { alwaysRequireMfa: true });
    const { page, authenticator } = await pageWithAuthenticator();
    const session = await signInFromProduct(page, 'enrolled', async () => {
      await checkPage(page, 'sign-in-with-passkey');
      await signInWithPassword(page, user.email);
      await enrollPasskeyInSignIn(page, 'Laptop', 'sign-in');
    });
    // Chromium's virtual authenticator keeps its keys on the device (no backup flags): a hardware key.
    expect(session).toMatchObject({ userId: user.id, acr: 'aal2', amr: ['pwd', 'hwk'] });
    const [credential] = await authenticator.credentials();
    expect(credential).toMatchObject({ rpId: 'localhost', isResidentCredential: true, signCount: 1 });
    const { rows } = await env.db.query(
      `SELECT f.name, f.status, c.device_type FROM factors f JOIN webauthn_credentials c ON c.factor_id = f.id WHERE f.user_id = $1`,
      [user.id],
    );
    expect(rows).toEqual([{ name: 'Laptop', status: 'active', device_type: 'singleDevice' }]);
  });

  it('PASSKEY-6 PASSKEY-3 WEB-2 WEB-8 the passkey proves the second step after the password, and alone it signs in without one', async () => {
    const user = await createUser(stack.app, { alwaysRequireMfa: true });
    const { page } = await pageWithAuthenticator();
    await signInFromProduct(page, 'enrolled', async () => {
      await signInWithPassword(page, user.email);
      await enrollPasskeyInSignIn(page, 'Laptop');
    });
    await signOut(page);

    const afterPassword = await signInFromProduct(page, 'second-step', async () => {
      await signInWithPassword(page, user.email);
      // The passkey is the only factor: its ceremony is offered at once, as an app's code field would be.
      await heading(page, 'Verify your identity');
      await expect(page.locator('main').innerText()).resolves.not.toContain('Passkeys need a browser with JavaScript');
      await checkPage(page, 'verify-passkey');
      await page.getByRole('button', { name: 'Use my passkey' }).click();
    });
    expect(afterPassword).toMatchObject({ userId: user.id, acr: 'aal2', amr: ['pwd', 'hwk'] });
    await signOut(page);

    const alone = await signInFromProduct(page, 'passwordless', async () => {
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    });
    expect(alone).toMatchObject({ userId: user.id, acr: 'aal2', amr: ['hwk', 'mfa'] });
  });

  it('PASSKEY-6 PASSKEY-1 PASSKEY-3 WEB-8 a copy of the passkey with an older signature counter is refused on the page as copied, and audited', async () => {
    const user = await createUser(stack.app, { alwaysRequireMfa: true });
    const original = await pageWithAuthenticator();
    await signInFromProduct(original.page, 'enrolled', async () => {
      await signInWithPassword(original.page, user.email);
      await enrollPasskeyInSignIn(original.page, 'Laptop');
    });
    const [credential] = await original.authenticator.credentials();
    expect(credential!.signCount).toBeGreaterThan(0);

    // Another browser holds the same private key, at a counter the original has already passed.
    const copy = await pageWithAuthenticator();
    await copy.authenticator.addCredential({ ...credential!, signCount: credential!.signCount - 1 });
    await copy.page.goto('/signin');
    await signInWithPassword(copy.page, user.email);
    await heading(copy.page, 'Verify your identity');
    const refused = copy.page.waitForResponse((response) => response.url().endsWith('/signin/verify/passkey'));
    await copy.page.getByRole('button', { name: 'Use my passkey' }).click();
    expect((await refused).status()).toBe(422);
    await heading(copy.page, 'Verify your identity');
    await expect(copy.page.getByRole('alert').first().innerText()).resolves.toContain('a passkey has been copied');
    await checkPage(copy.page, 'verify-passkey-copied');

    const { rows } = await env.db.query(`SELECT data FROM audit_events WHERE type = 'factor.clone_suspected' AND subject_user_id = $1`, [
      user.id,
    ]);
    expect(rows).toEqual([
      {
        data: expect.objectContaining({
          factorType: 'webauthn',
          storedCounter: credential!.signCount,
          presentedCounter: credential!.signCount,
        }),
      },
    ]);
  });

  it('PASSKEY-6 PASSKEY-3 WEB-9 without JavaScript the passkey says it needs it, and the authenticator app still signs in', async () => {
    const user = await createEnrolledUser(stack.app, env.clock);
    const { verified } = await signInWithTotp(stack.app, user);
    const laptop = new SoftAuthenticator({ origin: stack.origin });
    const added = await enrollPasskey(stack.app, verified.body.accessToken, laptop, { name: 'Laptop', currentPassword: PASSWORD });
    expect(added.confirmed.status).toBe(200);
    env.clock.advance(30);

    const page = await browser.newPage(stack.app, { baseURL: stack.origin, javaScript: false });
    await page.goto('/signin');
    const needsJavaScript = 'Passkeys need a browser with JavaScript turned on.';
    await expect(page.getByRole('region', { name: 'Sign in without a password' }).innerText()).resolves.toContain(needsJavaScript);
    await checkPage(page, 'sign-in-with-passkey-no-javascript');
    await signInWithPassword(page, user.email);
    await heading(page, 'Verify your identity');
    await page.getByLabel('Passkey: Laptop').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Verify your identity');
    await expect(page.locator('main').innerText()).resolves.toContain(needsJavaScript);
    await checkPage(page, 'verify-passkey-no-javascript');
    // The button sends the form with no answer: the page says why again, and the other ways are still there.
    await page.getByRole('button', { name: 'Use my passkey' }).click();
    await expect(page.getByRole('alert').first().innerText()).resolves.toContain(needsJavaScript);
    await page.getByRole('link', { name: 'Use another method' }).click();
    await page.getByLabel('Authenticator app').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Verification code').fill(user.app.code());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL('**/account/security');
  });
});

describe('PASSKEY-4 WEB-6 WEB-10 a passkey on Pay’s sign-in and step-up page in Chromium', () => {
  const env = useTestEnvironment();
  const { overrides } = useProductBackEnd();
  const stack = usePagesStack(env, { kind: 'pay', pages: PAY_PAGES, overrides, passkeys: true });
  const browser = useBrowser();

  it('PASSKEY-6 PASSKEY-4 PAY-5 PAY-6 PAY-7 WEB-6 a payor enrolls a passkey at Pay’s sign-in, approves a disbursement with it on the step-up page, and the authorization allows it once', async () => {
    const { user } = await createPayUser(stack.app, ['payments_disburser']);
    const page = await browser.newPage(stack.app, { baseURL: stack.origin });
    await addVirtualAuthenticator(page);

    // The gateway's back end signs the payor in through the pages (WEB-2), which enroll the passkey (LOGIN-4).
    const signIn = productLink('/pay/signin', overrides.WEB_RETURN_URLS!, { state: 'pay-sign-in' });
    await page.goto(signIn.link);
    await heading(page, 'Sign in to Pay');
    await checkPage(page, 'pay-sign-in-with-passkey');
    await signInWithPassword(page, user.email);
    await enrollPasskeyInSignIn(page, 'Laptop', 'pay');
    const backEnd = await exchangedSession(stack.app, await codeAtProduct(page, 'pay-sign-in'), signIn.codeVerifier);
    expect(backEnd).toMatchObject({ userId: user.id, acr: 'aal2', amr: ['pwd', 'hwk'] });

    const stepUp = productLink('/pay/step-up', overrides.WEB_RETURN_URLS!, { operation: 'disbursement.authorize', state: 'gw-1' });
    await page.goto(stepUp.link);
    await heading(page, 'Confirm this action');
    await expect(page.locator('main').innerText()).resolves.toContain('Authorize a disbursement');
    await checkPage(page, 'pay-step-up-passkey');
    await page.getByRole('button', { name: 'Use my passkey' }).click();
    const code = await codeAtProduct(page, 'gw-1');
    await expectStepUpAllowsOnce(stack.app, backEnd.accessToken, { code, codeVerifier: stepUp.codeVerifier }, 'disbursement.authorize');
    const { rows } = await env.db.query(`SELECT data FROM audit_events WHERE type = 'step_up.verified' AND subject_user_id = $1`, [
      user.id,
    ]);
    expect(rows).toEqual([{ data: { operation: 'disbursement.authorize', factorType: 'webauthn' } }]);
  });
});
