import { PASSWORD, signIn } from '../support/factories';
import { eventually } from '../support/fake-twilio';
import { useTestEnvironment } from '../support/harness';
import { AuthenticatorApp, createEnrolledUser, signInWithTotp } from '../support/mfa';
import { SmtpSink } from '../support/smtp-sink';

describe('security notices by email', () => {
  const env = useTestEnvironment();
  let smtp: SmtpSink;

  beforeEach(async () => {
    smtp = await new SmtpSink().start();
    await env.start('worker', {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Sitepass <security@sitepass.test>',
      OUTBOX_POLL_MS: '50',
      SMS_BACKOFF_MS: '20',
    });
  });
  afterEach(() => smtp.close());

  const subjects = (email: string) => smtp.to(email).map((mail) => mail.subject);

  it('NOTE-2 NOTE-3 emails the user when a factor is added, changed and removed, over SMTP', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    await eventually(() => expect(subjects(user.email)).toEqual(['Sitepass: a sign-in method was added']));
    expect(smtp.to(user.email)[0]).toMatchObject({ from: 'security@sitepass.test', text: expect.stringContaining('authenticator app') });

    const { accessToken } = (await signInWithTotp(app, user)).verified.body;
    const started = await app.http.post('/v1/enrollments', { factorType: 'totp', currentPassword: PASSWORD }, { token: accessToken });
    const phone = AuthenticatorApp.fromUri(started.body.totp.otpauthUri, env.clock);
    env.clock.advance(30);
    await app.http.post(`/v1/enrollments/${started.body.enrollmentId}/confirm`, { code: phone.code() }, { token: accessToken });
    await eventually(() => expect(subjects(user.email)).toContain('Sitepass: a sign-in method was changed'));
    expect(smtp.to(user.email).every((mail) => !mail.text.includes(phone.secret))).toBe(true);
  });

  it('NOTE-2 emails the user when the recovery code is redeemed or regenerated', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const { mfaToken } = (await signIn(app, user.email)).body;
    const redeemed = await app.http.post('/v1/recovery-codes/redeem', { code: user.recoveryCode }, { token: mfaToken });
    await eventually(() => expect(subjects(user.email)).toContain('Sitepass: your recovery code was used'));
    await app.http.post('/v1/recovery-codes', { currentPassword: PASSWORD }, { token: redeemed.body.accessToken });
    await eventually(() => expect(subjects(user.email)).toContain('Sitepass: you have a new recovery code'));
    for (const mail of smtp.to(user.email)) {
      expect(mail.text).not.toContain(user.recoveryCode);
      expect(mail.text).not.toContain(redeemed.body.recoveryCode);
    }
  });

  it('NOTE-2 emails the user when a factor is removed and when MFA is locked', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    await env.db.query(`UPDATE users SET always_require_mfa = false WHERE id = $1`, [user.userId]);
    const { accessToken } = (await signInWithTotp(app, user)).verified.body;
    expect(
      (await app.http.delete(`/v1/factors/${user.factorId}`, { token: accessToken, body: { currentPassword: PASSWORD } })).status,
    ).toBe(204);
    await eventually(() => expect(subjects(user.email)).toContain('Sitepass: a sign-in method was removed'));

    const locked = await createEnrolledUser(app, env.clock);
    await env.db.query(`UPDATE users SET mfa_failure_count = 99 WHERE id = $1`, [locked.userId]);
    const { mfaToken } = (await signIn(app, locked.email)).body;
    await app.http.post('/v1/recovery-codes/redeem', { code: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' }, { token: mfaToken });
    await eventually(() => expect(subjects(locked.email)).toContain('Sitepass: two-step sign-in is locked'));
  });

  it('NOTE-3 an accepted email survives an SMTP outage and goes out once; a permanent refusal fails it', async () => {
    const app = await env.standard();
    smtp.refuse(2, 421);
    const user = await createEnrolledUser(app, env.clock);
    await eventually(() => expect(subjects(user.email)).toEqual(['Sitepass: a sign-in method was added']));
    await eventually(async () => {
      const { rows } = await env.db.query(`SELECT status, attempts FROM outbox WHERE kind = 'email'`);
      expect(rows).toEqual([{ status: 'sent', attempts: 3 }]);
    });

    smtp.refuse(1, 550);
    const other = await createEnrolledUser(app, env.clock);
    await eventually(async () => {
      const { rows } = await env.db.query(`SELECT status, attempts FROM outbox WHERE kind = 'email' AND user_id = $1`, [other.userId]);
      expect(rows).toEqual([{ status: 'failed', attempts: 1 }]);
    });
    expect(smtp.to(other.email)).toHaveLength(0);
  });
});
