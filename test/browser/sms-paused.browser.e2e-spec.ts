import { STANDARD_PAGES } from '../../apps/standard-mfa/src/standard-mfa.module';
import { checkAccessibility } from '../support/accessibility';
import { useBrowser } from '../support/browser';
import { createUser, PASSWORD, registerPhone, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser } from '../support/mfa';
import { usePagesStack } from '../support/pages-stack';
import { heading } from '../support/page-flows';

describe('WEB-10 SMS-10 the MFA step in Chromium while the phone’s prefix is blocked', () => {
  const env = useTestEnvironment();
  // The guard blocks +1415 at its second SMS in the window (SMS-10).
  const stack = usePagesStack(env, { pages: STANDARD_PAGES, overrides: { SMS_PREFIX_GUARD_MIN_SENDS: '1' } });
  const browser = useBrowser();

  it('SMS-10 WEB-1 WEB-8 the notice and the other ways pass axe, and the app’s button leads to its code', async () => {
    const user = await createEnrolledUser(stack.app, env.clock);
    await registerPhone(env.db, user.userId, '+14155550130', env.clock.now());
    const someone = await createUser(stack.app, { alwaysRequireMfa: true });
    const { mfaToken } = (await signIn(stack.app, someone.email)).body;
    const pumped = await stack.app.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber: '+14155550198' }, { token: mfaToken });
    expect(pumped.status).toBe(202);

    const page = await browser.newPage(stack.app);
    await page.goto('/signin');
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'Verify your identity');
    await page.getByLabel('Text message to +1******0130').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { level: 2, name: 'Other ways to sign in' }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Text messages to numbers like this one are paused');
    expect(await checkAccessibility(page)).toEqual([]);
    await expect(page.getByRole('link', { name: 'Use my recovery code' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Authenticator app' }).click();
    await page.getByLabel('Verification code').waitFor();
  });
});
