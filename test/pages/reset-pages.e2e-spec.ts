import { User } from '@sitepass/database';
import { addMember, createUser, PASSWORD } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { createEnrolledUser, EnrolledUser, signInWithTotp } from '../support/mfa';
import { PageClient, visibleText } from '../support/page-client';
import { signInOnTheWay } from '../support/pages';
import { createPayUser, enrollAtPaySignIn } from '../support/pay';

const NOTE = 'Video call, photo ID matched the HR record, ticket 5120';

describe('RESET-5 PAY-10 the reset pages of support and payee admins, as a browser without scripts uses them (WEB-9)', () => {
  const env = useTestEnvironment();

  /** The state of a user's MFA, as the tables hold it. */
  async function mfaOf(userId: string) {
    const { rows } = await env.db.query(
      `SELECT (SELECT count(*)::int FROM factors WHERE user_id = $1 AND status = 'active') AS active_factors,
              (SELECT count(*)::int FROM sessions WHERE user_id = $1 AND revoked_at IS NULL) AS live_sessions,
              (SELECT mfa_reenrollment_required FROM users WHERE id = $1) AS reenroll`,
      [userId],
    );
    return rows[0];
  }

  async function resetEvents() {
    const { rows } = await env.db.query(
      `SELECT actor_user_id, subject_user_id, company_id, data FROM audit_events WHERE type = 'mfa.reset'`,
    );
    return rows;
  }

  describe('RESET-5 /support/resets on the standard product', () => {
    async function supportOnThePage(app: RunningApp): Promise<{ staff: EnrolledUser; browser: PageClient }> {
      const staff = await createEnrolledUser(app, env.clock, { support: true });
      const browser = await signInOnTheWay(new PageClient(app.http.baseUrl), '/support/resets', staff, env.clock);
      return { staff, browser };
    }

    it('RESET-5 RESET-2 RESET-4 support resets a user with the attestation and the note: factors and sessions go, the note is audited, the user enrolls again', async () => {
      const app = await env.standard();
      const user = await createEnrolledUser(app, env.clock);
      await signInWithTotp(app, user);
      env.clock.advance(30);
      const { staff, browser } = await supportOnThePage(app);
      const form = await browser.get('/support/resets');
      expect(form.status).toBe(200);
      expect(visibleText(form.html)).toContain('As Sitepass support, you can reset the two-step verification of any user');
      expect(form.html).toContain('<label for="field-identityCheckNote">');

      const done = await browser.submit('/support/resets', {
        email: user.email.toUpperCase(),
        identityCheckNote: NOTE,
        identityVerified: 'yes',
      });
      expect(done).toMatchObject({ status: 303, location: '/support/resets' });
      const shown = await browser.follow(done);
      expect(visibleText(shown.html)).toContain(
        `The two-step verification of ${user.email.toUpperCase()} is reset: 1 method removed, 2 sessions signed out.`,
      );
      // Post, redirect, get: the outcome is told once, and a reload resets nothing again.
      expect(visibleText((await browser.get('/support/resets')).html)).not.toContain('is reset');

      expect(await mfaOf(user.userId)).toEqual({ active_factors: 0, live_sessions: 0, reenroll: true });
      expect(await resetEvents()).toEqual([
        {
          actor_user_id: staff.userId,
          subject_user_id: user.userId,
          company_id: null,
          data: { identityVerified: true, by: 'support', identityCheckNote: NOTE, factorsRevoked: 1, sessionsRevoked: 2 },
        },
      ]);
    });

    it('RESET-5 WEB-8 every refusal beside its field: no email, no attestation, no note, an unknown user, oneself; nothing is reset', async () => {
      const app = await env.standard();
      const user = await createEnrolledUser(app, env.clock);
      const { staff, browser } = await supportOnThePage(app);
      await browser.get('/support/resets');
      const cases: Array<[Record<string, string>, number, string, string]> = [
        [{ email: '', identityCheckNote: NOTE, identityVerified: 'yes' }, 400, 'email', 'Enter the user’s sign-in email address.'],
        [{ email: user.email, identityCheckNote: NOTE }, 400, 'identityVerified', 'Confirm that you verified the user’s identity'],
        [{ email: user.email, identityVerified: 'yes' }, 400, 'identityCheckNote', 'Say how you checked the user’s identity'],
        [
          { email: 'nobody@example.com', identityCheckNote: NOTE, identityVerified: 'yes' },
          404,
          'email',
          'A user with this email was not found.',
        ],
        [{ email: staff.email, identityCheckNote: NOTE, identityVerified: 'yes' }, 403, 'email', 'You cannot reset your own MFA'],
      ];
      for (const [fields, status, field, words] of cases) {
        const refused = await browser.submit('/support/resets', fields);
        expect({ fields, status: refused.status }).toEqual({ fields, status });
        expect(refused.html).toMatch(new RegExp(`aria-describedby="[^"]*field-${field}-error"`));
        expect(/<p class="error" id="field-(\w+)-error">([^<]*)<\/p>/.exec(refused.html)?.slice(1)).toEqual([
          field,
          expect.stringContaining(words),
        ]);
        // The form keeps what was typed.
        if (fields.email) expect(refused.html).toContain(`value="${fields.email}"`);
      }
      expect(await mfaOf(user.userId)).toMatchObject({ active_factors: 1, reenroll: false });
      expect(await resetEvents()).toEqual([]);
    });

    it('RESET-5 a user who is not support gets a 403 page; support without a second factor is told to prove one, with no form', async () => {
      const app = await env.standard();
      const member = await createEnrolledUser(app, env.clock);
      const memberBrowser = await signInOnTheWay(new PageClient(app.http.baseUrl), '/support/resets', member, env.clock);
      const forbidden = await memberBrowser.get('/support/resets');
      expect(forbidden.status).toBe(403);
      expect(visibleText(forbidden.html)).toContain('Only platform support can reset a user’s MFA here.');
      expect(forbidden.html).not.toContain('name="email"');

      const passwordOnly = await createUser(app, { support: true });
      const browser = new PageClient(app.http.baseUrl);
      await browser.get('/signin?next=%2Fsupport%2Fresets');
      const back = await browser.submit('/signin', { email: passwordOnly.email, password: PASSWORD });
      expect(back).toMatchObject({ status: 303, location: '/support/resets' });
      const told = await browser.get('/support/resets');
      expect(told.status).toBe(401);
      expect(visibleText(told.html)).toContain('Sign in with your second factor before resetting anyone’s MFA.');
      expect(told.html).not.toContain('name="email"');
    });
  });

  describe('PAY-10 /pay/companies/{id}/resets on Pay', () => {
    it('PAY-10 RESET-2 a payee admin resets a user of their payee company; a payor, support staff and oneself are refused beside the email', async () => {
      const pay = await env.pay();
      const { user: adminUser, company } = await createPayUser(pay, ['payee_admin']);
      const admin = await enrollAtPaySignIn(pay, env.clock, adminUser, 'payee-admin');
      const { user: colleagueUser } = await createPayUser(pay, ['payee_admin'], { company });
      const colleague = await enrollAtPaySignIn(pay, env.clock, colleagueUser, 'payee-admin');
      const { user: payor } = await createPayUser(pay, ['payments_disburser']);
      await addMember(pay, company, payor);
      const staff = await createEnrolledUser(await env.standard(), env.clock, { support: true });
      await addMember(pay, company, { id: staff.userId } as User);

      const path = `/pay/companies/${company.id}/resets`;
      const browser = await signInOnTheWay(new PageClient(pay.http.baseUrl), path, admin, env.clock);
      const form = await browser.get(path);
      expect(form.status).toBe(200);
      expect(visibleText(form.html)).toContain(`Reset the two-step verification of a user of ${company.name}.`);
      for (const [email, status, words] of [
        [payor.email, 403, 'This user holds a payor role: only platform support can reset their MFA.'],
        [staff.email, 403, 'This user is platform support staff: only support can reset their MFA.'],
        [admin.email, 403, 'You cannot reset your own MFA'],
        ['nobody@example.com', 404, 'An active member with this email was not found.'],
      ] as const) {
        const refused = await browser.submit(path, { email, identityVerified: 'yes' });
        expect({ email, status: refused.status }).toEqual({ email, status });
        expect(refused.html).toContain('aria-describedby="field-email-error"');
        expect(visibleText(refused.html)).toContain(words);
      }
      expect(await resetEvents()).toEqual([]);

      const done = await browser.submit(path, { email: colleague.email, identityVerified: 'yes' });
      expect(done).toMatchObject({ status: 303, location: path });
      expect(visibleText((await browser.follow(done)).html)).toContain(
        `The two-step verification of ${colleague.email} is reset: 1 method removed, 1 session signed out.`,
      );
      expect(await mfaOf(colleague.userId)).toEqual({ active_factors: 0, live_sessions: 0, reenroll: true });
      expect(await resetEvents()).toEqual([
        {
          actor_user_id: admin.userId,
          subject_user_id: colleague.userId,
          company_id: company.id,
          data: { identityVerified: true, by: 'payee_admin', factorsRevoked: 1, sessionsRevoked: 1 },
        },
      ]);

      // SEC-3: another company's page is not found, for the page and its form alike.
      const { company: other } = await createPayUser(pay, ['payee_admin']);
      expect((await browser.get(`/pay/companies/${other.id}/resets`)).status).toBe(404);
      await browser.get(path);
      expect((await browser.submit(`/pay/companies/${other.id}/resets`, { email: colleague.email, identityVerified: 'yes' })).status).toBe(
        404,
      );
    });

    it('PAY-10 support resets a payor on the Pay page only with the note of the identity check, which is audited', async () => {
      const pay = await env.pay();
      const { user, company } = await createPayUser(pay, ['payments_admin']);
      const payor = await enrollAtPaySignIn(pay, env.clock, user);
      const staff = await createEnrolledUser(await env.standard(), env.clock, { support: true });
      const path = `/pay/companies/${company.id}/resets`;
      const browser = await signInOnTheWay(new PageClient(pay.http.baseUrl), path, staff, env.clock);
      expect(visibleText((await browser.get(path)).html)).toContain(`As Sitepass support, you can reset any user of ${company.name}.`);

      const withoutNote = await browser.submit(path, { email: payor.email, identityVerified: 'yes' });
      expect(withoutNote.status).toBe(400);
      expect(withoutNote.html).toContain('aria-describedby="field-identityCheckNote-hint field-identityCheckNote-error"');
      expect(visibleText(withoutNote.html)).toContain('Say how you checked the user’s identity: it is required for this user.');
      expect(await mfaOf(payor.userId)).toMatchObject({ active_factors: 1 });

      const done = await browser.submit(path, { email: payor.email, identityVerified: 'yes', identityCheckNote: NOTE });
      expect(done).toMatchObject({ status: 303, location: path });
      expect(await mfaOf(payor.userId)).toEqual({ active_factors: 0, live_sessions: 0, reenroll: true });
      expect(await resetEvents()).toEqual([
        {
          actor_user_id: staff.userId,
          subject_user_id: payor.userId,
          company_id: company.id,
          data: { identityVerified: true, by: 'support', identityCheckNote: NOTE, factorsRevoked: 1, sessionsRevoked: 1 },
        },
      ]);
    });
  });
});
