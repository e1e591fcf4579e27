import { addMember, createCompany, createUser } from '../support/factories';
import { eventually } from '../support/fake-twilio';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser } from '../support/mfa';
import { adminToken, createCompanyWithAdmin, createMember, setPolicy } from '../support/policy';
import { SmtpSink } from '../support/smtp-sink';
import { User } from '@sitepass/database';

describe('policy announcements and reminders', () => {
  const env = useTestEnvironment();
  let smtp: SmtpSink;

  beforeEach(async () => {
    smtp = await new SmtpSink().start();
    await env.start('worker', { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '50' });
  });
  afterEach(() => smtp.close());

  /** The policy emails a user received (security notices of their own enrollment are left out). */
  const policyMail = (email: string) => smtp.to(email).filter((mail) => /two-step sign-in (from|before)/.test(mail.subject));
  const subjectsTo = (email: string) => policyMail(email).map((mail) => mail.subject);
  /** Reminder rows of one user, by when they are due: what the worker will, or did, do with them. */
  const reminders = async (userId: string) =>
    (
      await env.db.query(
        `SELECT status, available_at FROM outbox WHERE purpose = 'policy_reminder' AND user_id = $1 ORDER BY available_at`,
        [userId],
      )
    ).rows.map((row) => [row.status, row.available_at.toISOString()]);

  async function scheduledCompany() {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock, { name: 'Acme Builders' });
    const token = await adminToken(app, admin);
    const unenrolled = await createMember(app, company);
    const enrolled = await createEnrolledUser(app, env.clock);
    await addMember(app, company, { id: enrolled.userId } as User);
    const inactive = await createUser(app);
    await addMember(app, company, inactive, { status: 'inactive' });
    const ssoCompany = await createCompany(app, { ssoDomains: ['sso-acme.example'] });
    const ssoUser = await createUser(app, { email: 'sam@sso-acme.example' });
    await addMember(app, company, ssoUser);
    await addMember(app, ssoCompany, ssoUser);
    return { app, company, admin, token, unenrolled, enrolled, inactive, ssoUser };
  }

  it('NOTE-1 NOTE-3 announces a scheduled deadline by email to every active non-SSO member', async () => {
    const { app, company, token, admin, unenrolled, enrolled, inactive, ssoUser } = await scheduledCompany();
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-20', timeZone: 'America/Chicago' });
    await eventually(() => expect([admin, unenrolled, enrolled].map((user) => policyMail(user.email).length)).toEqual([1, 1, 1]));
    for (const email of [admin.email, unenrolled.email, enrolled.email]) {
      expect(subjectsTo(email)).toEqual(['Acme Builders requires two-step sign-in from 2026-03-20']);
    }
    expect(policyMail(unenrolled.email)[0]!.text).toContain('From 2026-03-20 00:00 (America/Chicago)');
    for (const excluded of [inactive as User, ssoUser]) expect(smtp.to(excluded.email)).toHaveLength(0);
  });

  it('NOTE-1 reminds members not yet enrolled 7 days and 1 day before the deadline', async () => {
    const { app, company, token, unenrolled, enrolled } = await scheduledCompany();
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-20', timeZone: 'UTC' });
    await eventually(() => expect(subjectsTo(enrolled.email)).toHaveLength(1));
    expect(await reminders(unenrolled.id)).toEqual([
      ['pending', '2026-03-13T00:00:00.000Z'],
      ['pending', '2026-03-19T00:00:00.000Z'],
    ]);
    env.clock.set('2026-03-13T00:00:00Z');
    await eventually(() => expect(subjectsTo(unenrolled.email)).toContain('Reminder: set up two-step sign-in before 2026-03-20'));
    expect(policyMail(unenrolled.email)[1]!.text).toContain('In 7 day(s)');
    env.clock.set('2026-03-19T00:00:01Z');
    await eventually(() => expect(subjectsTo(unenrolled.email)).toHaveLength(3));
    expect(policyMail(unenrolled.email)[2]!.text).toContain('In 1 day(s)');
    // The enrolled member's reminders were due too, and dropped at send time.
    await eventually(async () => expect((await reminders(enrolled.userId)).map(([status]) => status)).toEqual(['cancelled', 'cancelled']));
    expect(subjectsTo(enrolled.email)).toHaveLength(1);
  });

  it('NOTE-1 a moved deadline sends no stale reminder: only the latest date is followed, each email once', async () => {
    const { app, company, token, unenrolled } = await scheduledCompany();
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-20', timeZone: 'UTC' });
    await eventually(() => expect(subjectsTo(unenrolled.email)).toHaveLength(1));
    await setPolicy(app, token, company.id, { enforcementDate: '2026-04-10', timeZone: 'UTC' });
    await eventually(() =>
      expect(subjectsTo(unenrolled.email)).toEqual([
        'Acme Builders requires two-step sign-in from 2026-03-20',
        'Acme Builders requires two-step sign-in from 2026-04-10',
      ]),
    );
    expect(await reminders(unenrolled.id)).toEqual([
      ['cancelled', '2026-03-13T00:00:00.000Z'],
      ['cancelled', '2026-03-19T00:00:00.000Z'],
      ['pending', '2026-04-03T00:00:00.000Z'],
      ['pending', '2026-04-09T00:00:00.000Z'],
    ]);
    env.clock.set('2026-04-03T00:00:00Z');
    await eventually(() => expect(subjectsTo(unenrolled.email)).toContain('Reminder: set up two-step sign-in before 2026-04-10'));
    env.clock.set('2026-04-09T00:00:00Z');
    await eventually(() => expect(subjectsTo(unenrolled.email)).toHaveLength(4));
    await eventually(async () =>
      expect((await reminders(unenrolled.id)).map(([status]) => status)).toEqual(['cancelled', 'cancelled', 'sent', 'sent']),
    );
    expect(subjectsTo(unenrolled.email).filter((subject) => subject.startsWith('Reminder'))).toHaveLength(2);
  });

  it('NOTE-1 a cancelled deadline sends no reminder, and changing only the interval keeps the reminders', async () => {
    const { app, company, token, admin, unenrolled } = await scheduledCompany();
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-20', timeZone: 'UTC' });
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-20', timeZone: 'UTC', reauthInterval: '7d' });
    await eventually(() => expect(subjectsTo(unenrolled.email)).toHaveLength(1));
    env.clock.set('2026-03-13T00:00:01Z');
    await eventually(() => expect(subjectsTo(unenrolled.email)).toHaveLength(2));

    await setPolicy(app, await adminToken(app, admin), company.id, { required: false, enforcementDate: '2026-03-20', timeZone: 'UTC' });
    expect((await reminders(unenrolled.id)).map(([status]) => status)).toEqual(['sent', 'cancelled']);
    env.clock.set('2026-03-19T00:00:01Z');
    expect(subjectsTo(unenrolled.email)).toHaveLength(2);
  });

  it('RESET-4 NOTE-2 the reset member is told by email', async () => {
    const { app, company, token, enrolled } = await scheduledCompany();
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-02', timeZone: 'UTC' });
    const reset = await app.http.post(
      `/v1/companies/${company.id}/mfa-resets`,
      { email: enrolled.email, identityVerified: true },
      { token },
    );
    expect(reset.status).toBe(201);
    await eventually(() =>
      expect(smtp.to(enrolled.email).map((mail) => mail.subject)).toContain('Sitepass: your two-step sign-in was reset'),
    );
    expect(smtp.to(enrolled.email).find((mail) => mail.subject.includes('reset'))!.text).toContain('an administrator of Acme Builders');
  });
});
