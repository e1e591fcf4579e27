import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { STANDARD_PAGES } from '../../apps/standard-mfa/src/standard-mfa.module';
import { checkAccessibility } from '../support/accessibility';
import { useBrowser } from '../support/browser';
import { PASSWORD } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { EnrolledUser } from '../support/mfa';
import { usePagesStack } from '../support/pages-stack';
import { checkPage, heading } from '../support/page-flows';
import { createCompanyWithAdmin, enrollAtSignIn, createMember, setPolicy, adminToken } from '../support/policy';

describe('WEB-10 the account page and the admin console in Chromium', () => {
  const env = useTestEnvironment();
  const stack = usePagesStack(env, { pages: STANDARD_PAGES });
  const browser = useBrowser();

  /** Signs in on the pages with the authenticator app and lands on `next`. */
  async function signIn(page: Page, user: EnrolledUser, next: string): Promise<void> {
    await page.goto(`/signin?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Verification code').fill(user.app.code());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(`**${next}`);
  }

  it('WEB-10 WEB-4 the account security page passes axe, and adding an app starts from it', async () => {
    const { admin: user } = await createCompanyWithAdmin(stack.app, env.clock);
    const page = await browser.newPage(stack.app);
    await signIn(page, user, '/account/security');
    await heading(page, 'Account security');
    await checkPage(page, 'account-security');
    await page.goto('/account/security/totp');
    await checkPage(page, 'account-add-authenticator-app');
  });

  it('WEB-8 every other page of the account and the console passes axe too, with JavaScript on and off', async () => {
    const { company, admin: user } = await createCompanyWithAdmin(stack.app, env.clock);
    for (const javaScript of [true, false]) {
      env.clock.advance(30);
      const page = await browser.newPage(stack.app, { javaScript });
      await signIn(page, user, '/account/security');
      const factorId = await page.locator('a[href$="/remove"]').first().getAttribute('href');
      for (const path of [
        '/account/security',
        '/account/security/sms',
        factorId!,
        '/account/security/recovery-code',
        '/account/security/verify?return=%2Faccount%2Fsecurity',
        '/admin',
        `/admin/companies/${company.id}/members`,
      ]) {
        await page.goto(path);
        expect({ path, javaScript, violations: await checkAccessibility(page) }).toEqual({ path, javaScript, violations: [] });
      }
    }
  });

  it('WEB-10 WEB-5 POL-1 POL-7 RESET-1 an admin sets a deadline in another zone, sees it in both zones, downloads the CSV and resets a member', async () => {
    const { company, admin } = await createCompanyWithAdmin(stack.app, env.clock, { name: 'Acme Builders' });
    // A member who enrolled once the policy binds, for the table, the CSV and the reset.
    await setPolicy(stack.app, await adminToken(stack.app, admin), company.id, { enforcementDate: '2026-03-02', timeZone: 'UTC' });
    env.clock.advance(30);
    const { member } = await enrollAtSignIn(stack.app, env.clock, await createMember(stack.app, company));
    const home = `/admin/companies/${company.id}`;
    const page = await browser.newPage(stack.app, { timezoneId: 'Asia/Tokyo' });
    await signIn(page, admin, home);
    await checkPage(page, 'admin-policy');

    // The admin's own zone: the script preselects the browser's (Tokyo); the admin keeps it.
    await expect(page.locator('select[name="zone"]').inputValue()).resolves.toBe('Asia/Tokyo');
    await page.locator('form:has(select[name="zone"]) button[type="submit"]').click();
    await page.waitForURL(`**${home}`);
    await page.getByLabel('Require two-step verification for every member').check();
    await page.getByLabel('Enforcement date').fill('2026-06-01');
    await page.locator('select[name="timeZone"]').selectOption('America/New_York');
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await page.waitForURL(`**${home}`);
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('June 1, 2026 at 12:00 AM EDT in the policy’s time zone (America/New_York)');
    expect(text).toContain('June 1, 2026 at 1:00 PM GMT+9 in your time zone (Asia/Tokyo)');
    expect(text).toContain('June 1, 2026 at 4:00 AM UTC in UTC');

    await page.goto(`${home}/members`);
    await checkPage(page, 'admin-members');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(member.email);
    expect(csv.split('\r\n')[0]).toContain('Email');

    await page.goto(`${home}/reset`);
    await checkPage(page, 'admin-reset');
    await page.getByLabel('Member’s email address').fill(member.email);
    await page.getByLabel('I verified this person’s identity').check();
    await page.getByRole('button', { name: 'Reset two-step verification' }).click();
    await page.waitForURL(`**${home}/reset`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(member.email);
    const { rows } = await env.db.query(`SELECT count(*)::int AS active FROM factors WHERE user_id = $1 AND status = 'active'`, [
      member.userId,
    ]);
    expect(rows).toEqual([{ active: 0 }]);

    await page.goto(`${home}/audit`);
    await checkPage(page, 'admin-audit');
  });
});
