import { PAY_PAGES } from '../../apps/pay-mfa/src/pay-mfa.module';
import { STANDARD_PAGES } from '../../apps/standard-mfa/src/standard-mfa.module';
import { useBrowser } from '../support/browser';
import { addMember, createCompany, createUser, PASSWORD } from '../support/factories';
import { TestIdentityProvider } from '../support/oidc-provider';
import { TEST_SERVICE_TOKEN } from '../support/test-config';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser } from '../support/mfa';
import { createPayUser, enrollAtPaySignIn, expectStepUpAllowsOnce } from '../support/pay';
import { usePagesStack } from '../support/pages-stack';
import { checkPage, codeAtProduct, heading, productLink, useProductBackEnd } from '../support/page-flows';

describe('WEB-10 Pay’s pages in Chromium: the step-up, the company sign-in and the reset pages', () => {
  const env = useTestEnvironment();
  const { overrides } = useProductBackEnd();
  const stack = usePagesStack(env, { kind: 'pay', pages: PAY_PAGES, overrides });
  const browser = useBrowser();

  it('WEB-10 WEB-6 PAY-6 PAY-7 a payor completes a step-up and returns with a code the back end turns into a token the authorization accepts once', async () => {
    const { user } = await createPayUser(stack.app, ['payments_disburser']);
    const payor = await enrollAtPaySignIn(stack.app, env.clock, user);
    const { link, codeVerifier } = productLink('/pay/step-up', overrides.WEB_RETURN_URLS!, {
      operation: 'disbursement.authorize',
      state: 'gw-1',
    });
    const page = await browser.newPage(stack.app);
    // The gateway's link; without a page session, Pay's sign-in comes first and returns to it.
    await page.goto(link);
    await heading(page, 'Sign in to Pay');
    await checkPage(page, 'pay-sign-in');
    await page.getByLabel('Email address', { exact: true }).fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Verify your identity');
    await page.getByLabel('Verification code').fill(payor.app.code());
    await page.getByRole('button', { name: 'Verify' }).click();

    await heading(page, 'Confirm this action');
    await expect(page.locator('main').innerText()).resolves.toContain('Authorize a disbursement');
    await checkPage(page, 'pay-step-up');
    env.clock.advance(30);
    await page.getByLabel('Verification code').fill(payor.app.code());
    await page.getByRole('button', { name: 'Verify' }).click();
    const code = await codeAtProduct(page, 'gw-1');
    await expectStepUpAllowsOnce(stack.app, payor.accessToken, { code, codeVerifier }, 'disbursement.authorize');
  });

  it('WEB-10 PAY-11 “Sign in with your company” goes to the company’s provider and back, then asks for Pay’s own factor', async () => {
    const provider = await new TestIdentityProvider(env.clock).start();
    try {
      const company = await createCompany(stack.app, { payKind: 'payee', ssoDomains: ['acme-sso.example'] });
      const standard = await env.standard();
      const saved = await standard.http.put(`/internal/v1/companies/${company.id}/identity-provider`, provider.settings, {
        token: TEST_SERVICE_TOKEN,
      });
      expect(saved.status).toBe(200);
      const user = await createUser(stack.app, { email: 'pat@acme-sso.example', password: undefined });
      await addMember(stack.app, company, user, { role: 'admin', payRoles: ['payee_admin'] });
      provider.signedInEmail = user.email;
      const page = await browser.newPage(stack.app);
      await page.goto('/pay/signin');
      await page.getByLabel('Work email address').fill(user.email);
      await page.getByRole('button', { name: 'Continue with your company' }).click();
      // The page's script follows the link to the provider, whose form_post page comes back to Pay.
      await heading(page, 'Set up two-step verification');
      expect(new URL(page.url()).pathname).toBe('/pay/signin/enroll');
      await checkPage(page, 'pay-sso-enroll');
    } finally {
      await provider.stop();
    }
  });

  it('WEB-10 PAY-10 support opens Pay’s reset page for a payee company, which passes axe', async () => {
    const { company } = await createPayUser(stack.app, ['payee_admin']);
    const standard = await env.standard();
    const staff = await createEnrolledUser(standard, env.clock, { support: true });
    const page = await browser.newPage(stack.app);
    await page.goto(`/pay/signin?next=${encodeURIComponent(`/pay/companies/${company.id}/resets`)}`);
    await page.getByLabel('Email address', { exact: true }).fill(staff.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Verification code').fill(staff.app.code());
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'Reset two-step verification');
    await checkPage(page, 'pay-reset');
  });
});

describe('WEB-10 RESET-5 the support reset page in Chromium', () => {
  const env = useTestEnvironment();
  const stack = usePagesStack(env, { pages: STANDARD_PAGES });
  const browser = useBrowser();

  it('WEB-10 RESET-5 support resets a user from the page, which passes axe', async () => {
    const staff = await createEnrolledUser(stack.app, env.clock, { support: true });
    const member = await createEnrolledUser(stack.app, env.clock);
    const page = await browser.newPage(stack.app);
    await page.goto(`/signin?next=${encodeURIComponent('/support/resets')}`);
    await page.getByLabel('Email address').fill(staff.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Verification code').fill(staff.app.code());
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, 'Reset two-step verification');
    await checkPage(page, 'support-reset');
    await page.getByLabel('The user’s sign-in email address').fill(member.email);
    await page.getByLabel('How you checked their identity').fill('Video call, ID card shown');
    await page.locator('input[type=checkbox][name=identityVerified]').check();
    await page.locator('main form button[type=submit]').last().click();
    await page.waitForLoadState();
    const { rows } = await env.db.query(`SELECT count(*)::int AS active FROM factors WHERE user_id = $1 AND status = 'active'`, [
      member.userId,
    ]);
    expect(rows).toEqual([{ active: 0 }]);
  });
});
