import { User } from '@sitepass/database';
import { ASSET_URLS } from '@sitepass/web';
import type { Page } from 'playwright-core';
import { STANDARD_PAGES } from '../../apps/standard-mfa/src/standard-mfa.module';
import { checkAccessibility } from '../support/accessibility';
import { addVirtualAuthenticator, useBrowser } from '../support/browser';
import { addMember, PASSWORD, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser, EnrolledUser, enrollTotp, signInWithTotp } from '../support/mfa';
import { usePagesStack } from '../support/pages-stack';
import { checkPage, heading } from '../support/page-flows';
import { adminToken, createCompanyWithAdmin, setPolicy } from '../support/policy';

const ACCOUNT = '/account/security';

/** The browser library the pages load for their ceremonies, as the page script calls it. */
interface SimpleWebAuthnBrowser {
  startAuthentication(options: { optionsJSON: unknown }): Promise<Record<string, unknown>>;
}

describe('PASSKEY-6 WEB-10 passkeys on the account page and the admin console in Chromium, with its virtual authenticator', () => {
  const env = useTestEnvironment();
  const stack = usePagesStack(env, { pages: STANDARD_PAGES, passkeys: true });
  const browser = useBrowser();

  /** Signs in on the pages with the authenticator app (chosen by its id where the user has passkeys too), landing on `next`. */
  async function signInOnPages(page: Page, user: EnrolledUser, next: string): Promise<void> {
    await page.goto(`/signin?next=${encodeURIComponent(next)}`);
    // Exact names: "Sign in without a password" and its button are on the page too.
    await page.getByLabel('Email address', { exact: true }).fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Verify your identity');
    if ((await page.locator('input[name="factorId"]').count()) > 0) {
      await page.locator(`input[name="factorId"][value="${user.factorId}"]`).check();
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.getByLabel('Verification code').fill(user.app.code());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(`**${next}`);
    env.clock.advance(30);
  }

  /** The ceremony page's script has run (it hides the "needs JavaScript" line): the form now runs the ceremony. */
  async function ceremonyReady(page: Page): Promise<void> {
    await page.locator('[data-passkey-unsupported]').waitFor({ state: 'hidden' });
  }

  /** PASSKEY-2 from the account page, in a fresh session: a name, the password, then the browser's ceremony. */
  async function addPasskeyOnPages(page: Page, name: string): Promise<void> {
    await page.goto(`${ACCOUNT}/webauthn`);
    await page.getByLabel('Name of the passkey').fill(name);
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await ceremonyReady(page);
    await page.getByRole('button', { name: 'Create the passkey' }).click();
    await page.waitForURL(`**${ACCOUNT}?done=factor_added`);
  }

  /** A ceremony answered by this page's authenticator on the pages' origin, through the pages' own WebAuthn library. */
  async function authenticateInChromium(page: Page, optionsJSON: unknown): Promise<Record<string, unknown>> {
    await page.addScriptTag({ url: ASSET_URLS.webauthn });
    return page.evaluate(
      (options) =>
        (globalThis as unknown as { SimpleWebAuthnBrowser: SimpleWebAuthnBrowser }).SimpleWebAuthnBrowser.startAuthentication({
          optionsJSON: options,
        }),
      optionsJSON,
    );
  }

  async function passkeysOf(userId: string): Promise<Array<{ name: string; status: string; credential_id: string | null }>> {
    const { rows } = await env.db.query(
      `SELECT f.name, f.status, c.credential_id FROM factors f LEFT JOIN webauthn_credentials c ON c.factor_id = f.id
       WHERE f.user_id = $1 AND f.type = 'webauthn' ORDER BY f.created_at`,
      [userId],
    );
    return rows;
  }

  /** The text of the factor table's row that names this passkey, as a person reads it. */
  async function factorRow(page: Page, name: string): Promise<string> {
    return (await page.locator('tr', { hasText: name }).innerText()).replace(/\s+/g, ' ').trim();
  }

  it('PASSKEY-6 PASSKEY-2 PASSKEY-3 POL-8 RESET-1 a member adds “Laptop” on the account page, signs in with it, and an admin’s reset takes it away', async () => {
    const { company, admin } = await createCompanyWithAdmin(stack.app, env.clock, { name: 'Acme Builders' });
    await setPolicy(stack.app, await adminToken(stack.app, admin), company.id, { enforcementDate: '2026-06-01', timeZone: 'UTC' });
    env.clock.advance(30);
    const member = await createEnrolledUser(stack.app, env.clock);
    await addMember(stack.app, company, { id: member.userId } as User);
    const page = await browser.newPage(stack.app, { baseURL: stack.origin });
    const laptop = await addVirtualAuthenticator(page);
    await signInOnPages(page, member, ACCOUNT);
    await heading(page, 'Account security');

    // POL-8: by now the sign-in's check is more than 10 minutes old, so the change asks for a new one first.
    env.clock.advance(11 * 60);
    await page.getByRole('link', { name: 'Add a passkey' }).click();
    await heading(page, 'Add a passkey');
    // With script, the line for browsers without it is gone.
    await expect(page.getByText('Passkeys need a browser with JavaScript turned on.').isVisible()).resolves.toBe(false);
    await checkPage(page, 'account-add-passkey');
    await page.getByLabel('Name of the passkey').fill('Laptop');
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Verify your identity');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Verification code').fill(member.app.code());
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'Add a passkey');
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Thank you, it is you.');
    await expect(page.getByLabel('Name of the passkey').inputValue()).resolves.toBe('Laptop');
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await ceremonyReady(page);
    await expect(page.locator('main').innerText()).resolves.toContain('Now create the passkey “Laptop”');
    await checkPage(page, 'account-create-passkey');
    await page.getByRole('button', { name: 'Create the passkey' }).click();
    await page.waitForURL(`**${ACCOUNT}?done=factor_added`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Your new sign-in method is set up.');
    await expect(factorRow(page, 'Laptop')).resolves.toMatch(/^Passkey Laptop Mar 2, 2026 Remove the passkey “Laptop”$/);
    await checkPage(page, 'account-security-passkeys');

    // The key Chromium made is the one the service holds, for this site's RP ID.
    const [credential, ...others] = await laptop.credentials();
    expect(others).toEqual([]);
    expect(credential).toMatchObject({ rpId: 'localhost', isResidentCredential: true });
    const credentialId = Buffer.from(credential!.credentialId, 'base64').toString('base64url');
    expect(await passkeysOf(member.userId)).toEqual([{ name: 'Laptop', status: 'active', credential_id: credentialId }]);
    env.clock.advance(30);
    const { accessToken } = (await signInWithTotp(stack.app, member)).verified.body;
    env.clock.advance(30);
    const overview = (await stack.app.http.get('/v1/me/mfa', { token: accessToken })).body;
    expect(overview.factors).toContainEqual(expect.objectContaining({ type: 'webauthn', name: 'Laptop', status: 'active' }));

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading(page, 'Sign in');

    // PASSKEY-3: the password, then the laptop's passkey as the second factor. The sign-in pages offer it in their
    // own change; here the API's challenge is answered by the same authenticator on the same origin.
    const first = (await signIn(stack.app, member.email)).body;
    expect(first.status).toBe('mfa_required');
    const passkey = first.factors.find((factor: { type: string }) => factor.type === 'webauthn');
    expect(passkey).toMatchObject({ name: 'Laptop' });
    const challenge = await stack.app.http.post('/v1/challenges', { factorId: passkey.id }, { token: first.mfaToken });
    const answer = await authenticateInChromium(page, challenge.body.webauthn.publicKey);
    expect(answer.id).toBe(credentialId);
    const verified = await stack.app.http.post(
      `/v1/challenges/${challenge.body.challengeId}/verify`,
      { credential: answer },
      { token: first.mfaToken },
    );
    expect(verified.status).toBe(200);
    const session = await stack.app.http.get('/v1/sessions/current', { token: verified.body.accessToken });
    expect(session.body).toMatchObject({ acr: 'aal2', amr: ['pwd', 'hwk'] });

    // RESET-1: the company's admin resets the member's two-step verification in the console.
    const adminPage = await browser.newPage(stack.app, { baseURL: stack.origin });
    const home = `/admin/companies/${company.id}`;
    await signInOnPages(adminPage, admin, `${home}/reset`);
    await adminPage.getByLabel('Member’s email address').fill(member.email);
    await adminPage.getByLabel('I verified this person’s identity').check();
    await adminPage.getByRole('button', { name: 'Reset two-step verification' }).click();
    await adminPage.waitForURL(`**${home}/reset`);
    await expect(adminPage.getByRole('status').first().textContent()).resolves.toContain(member.email);

    expect(await passkeysOf(member.userId)).toEqual([{ name: 'Laptop', status: 'revoked', credential_id: credentialId }]);
    // The passkey signs in neither after the password nor alone.
    const again = (await signIn(stack.app, member.email)).body;
    expect(again.status).toBe('mfa_enrollment_required');
    const refusedChallenge = await stack.app.http.post('/v1/challenges', { factorId: passkey.id }, { token: again.mfaToken });
    expect(refusedChallenge).toMatchObject({ status: 404, body: { code: 'not_found' } });
    const ceremony = await stack.app.http.post('/v1/sessions/passkey-ceremonies', {});
    const alone = await authenticateInChromium(page, ceremony.body.publicKey);
    expect(alone.id).toBe(credentialId);
    const refusedAlone = await stack.app.http.post('/v1/sessions/passkey', { ceremonyId: ceremony.body.ceremonyId, credential: alone });
    expect(refusedAlone.body).toMatchObject({
      code: 'invalid_credentials',
      message: 'This passkey is not registered here. Sign in with your password.',
    });
    // The member sets up an app again; their methods no longer list the passkey.
    const { confirmed } = await enrollTotp(stack.app, env.clock, again.mfaToken);
    const after = (await stack.app.http.get('/v1/me/mfa', { token: confirmed.accessToken })).body;
    expect(after.factors.map((factor: { type: string; status: string }) => [factor.type, factor.status])).toEqual([['totp', 'active']]);
  });

  it('PASSKEY-6 PASSKEY-2 PASSKEY-3 POL-8 a passkey added from a phone is removed from the laptop, after re-verifying with the laptop’s passkey', async () => {
    const user = await createEnrolledUser(stack.app, env.clock);
    const laptopPage = await browser.newPage(stack.app, { baseURL: stack.origin });
    const laptop = await addVirtualAuthenticator(laptopPage);
    await signInOnPages(laptopPage, user, ACCOUNT);
    await addPasskeyOnPages(laptopPage, 'Laptop');
    const phonePage = await browser.newPage(stack.app, { baseURL: stack.origin });
    await addVirtualAuthenticator(phonePage);
    await signInOnPages(phonePage, user, ACCOUNT);
    await addPasskeyOnPages(phonePage, 'Phone');

    await laptopPage.goto(ACCOUNT);
    await expect(factorRow(laptopPage, 'Laptop')).resolves.toContain('Passkey Laptop');
    await expect(factorRow(laptopPage, 'Phone')).resolves.toContain('Passkey Phone');
    const signCount = (await laptop.credentials())[0]!.signCount;

    env.clock.advance(11 * 60);
    await laptopPage.getByRole('link', { name: 'Remove the passkey “Phone”' }).click();
    await heading(laptopPage, 'Remove the passkey “Phone”');
    await checkPage(laptopPage, 'account-remove-passkey');
    await laptopPage.getByLabel('Current password').fill(PASSWORD);
    await laptopPage.getByRole('button', { name: 'Remove' }).click();
    await heading(laptopPage, 'Verify your identity');
    const { rows } = await env.db.query(`SELECT id FROM factors WHERE user_id = $1 AND name = 'Laptop'`, [user.userId]);
    await laptopPage.locator(`input[name="factorId"][value="${rows[0].id}"]`).check();
    await laptopPage.getByRole('button', { name: 'Continue' }).click();
    await ceremonyReady(laptopPage);
    await expect(laptopPage.locator('main').innerText()).resolves.toContain('Confirm it is you with your passkey “Laptop”');
    await checkPage(laptopPage, 'account-verify-passkey');
    await laptopPage.getByRole('button', { name: 'Use the passkey' }).click();
    await heading(laptopPage, 'Remove the passkey “Phone”');
    expect((await laptop.credentials())[0]!.signCount).toBeGreaterThan(signCount);
    await laptopPage.getByLabel('Current password').fill(PASSWORD);
    await laptopPage.getByRole('button', { name: 'Remove' }).click();
    await laptopPage.waitForURL(`**${ACCOUNT}?done=factor_removed`);
    await expect(factorRow(laptopPage, 'Laptop')).resolves.toContain('Passkey Laptop');
    await expect(laptopPage.locator('tr', { hasText: 'Phone' }).count()).resolves.toBe(0);
    expect((await passkeysOf(user.userId)).map(({ name, status }) => [name, status])).toEqual([
      ['Laptop', 'active'],
      ['Phone', 'revoked'],
    ]);
  });

  it('PASSKEY-6 PASSKEY-3 WEB-5 an admin stops members signing in with a passkey alone, and the policy says so', async () => {
    const { company, admin } = await createCompanyWithAdmin(stack.app, env.clock);
    const home = `/admin/companies/${company.id}`;
    const page = await browser.newPage(stack.app, { baseURL: stack.origin });
    await signInOnPages(page, admin, home);
    const box = page.getByLabel('Members may sign in with a passkey alone');
    await expect(box.isChecked()).resolves.toBe(true);
    await box.uncheck();
    await page.getByLabel('Enforcement date').fill('2026-06-01');
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await page.waitForURL(`**${home}`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('The policy is saved.');
    const summary = (await page.locator('#policy-now').locator('..').innerText()).replace(/\s+/g, ' ');
    expect(summary).toContain('Sign-in with a passkey alone Not allowed: password first, then the passkey');
    await expect(page.getByLabel('Members may sign in with a passkey alone').isChecked()).resolves.toBe(false);
    await checkPage(page, 'admin-policy-passkeys');
    const { rows } = await env.db.query(`SELECT passwordless_allowed FROM company_policies WHERE company_id = $1`, [company.id]);
    expect(rows).toEqual([{ passwordless_allowed: false }]);
  });

  it('PASSKEY-6 WEB-9 WEB-8 without JavaScript the “Add a passkey” page says it needs it, and nothing breaks', async () => {
    const user = await createEnrolledUser(stack.app, env.clock);
    const page = await browser.newPage(stack.app, { baseURL: stack.origin, javaScript: false });
    await signInOnPages(page, user, ACCOUNT);
    const needsScript = 'Passkeys need a browser with JavaScript turned on.';
    const accessible = async (step: string) =>
      expect({ step, violations: await checkAccessibility(page) }).toEqual({ step, violations: [] });

    await page.getByRole('link', { name: 'Add a passkey' }).click();
    await heading(page, 'Add a passkey');
    await expect(page.getByText(needsScript).isVisible()).resolves.toBe(true);
    await accessible('name');
    await page.getByLabel('Name of the passkey').fill('Laptop');
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Create the passkey' }).waitFor();
    await expect(page.getByText(needsScript).isVisible()).resolves.toBe(true);
    await accessible('ceremony');

    // The button sends the form as it is, without an answer: the name step again, saying why.
    await page.getByRole('button', { name: 'Create the passkey' }).click();
    await heading(page, 'Add a passkey');
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain(needsScript);
    await expect(page.getByLabel('Name of the passkey').inputValue()).resolves.toBe('Laptop');
    await accessible('refused');
    await page.goto(ACCOUNT);
    await heading(page, 'Account security');
    const factors = await page.locator('section[aria-labelledby="factors-title"] tbody tr').allInnerTexts();
    expect(factors.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^Authenticator app /),
      expect.stringMatching(/^Passkey Laptop Setup not finished /),
    ]);
    expect((await passkeysOf(user.userId)).map(({ status }) => status)).toEqual(['pending']);
  });
});
