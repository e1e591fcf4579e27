import { User } from '@sitepass/database';
import { createUser, PASSWORD, registerPhone, signIn } from '../support/factories';
import { eventually, useFakeTwilio } from '../support/fake-twilio';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { AuthenticatorApp, createEnrolledUser, paths, signInWithTotp, twilioWorkerEnv } from '../support/mfa';
import { createPayUser } from '../support/pay';
import { emailedEnrollmentCode, SmtpSink } from '../support/smtp-sink';
import { auditCount, burst, tally, twoInstances } from './burst';

const REQUIRED = { ENROLLMENT_EMAIL_PROOF: 'required' };
const ATTACKER_PHONE = '+14155550123';

/**
 * ABUSE-16: the attacker holds the password of an account that has no factor yet, and tries to claim it by
 * enrolling their own authenticator app or phone first. The first factor enrolled inside a sign-in is also
 * proven with a code emailed to the account, which the attacker does not read.
 */
describe('ABUSE-16 the first factor enrolled inside a sign-in is proven through the account’s email', () => {
  const env = useTestEnvironment();
  const smtp = new SmtpSink();
  const twilio = useFakeTwilio(async (twilioUrl) => {
    await smtp.start();
    await env.start('worker', { ...twilioWorkerEnv(twilioUrl), SMTP_URL: smtp.url, MAIL_FROM: 'Sitepass <security@sitepass.test>' });
  });
  let standard: RunningApp;
  let pay: RunningApp;
  beforeAll(async () => {
    [standard, pay] = await Promise.all([env.start('standard', REQUIRED), env.start('pay', REQUIRED)]);
  });
  beforeEach(() => smtp.received.splice(0));
  afterAll(() => smtp.close());

  /** A user who must enroll, at the password step of `app`: the mfaToken. */
  async function mustEnroll(app: RunningApp, user: User): Promise<string> {
    const first = await signIn(app, user.email);
    expect(first.body.status).toBe('mfa_enrollment_required');
    return first.body.mfaToken;
  }

  async function startTotp(app: RunningApp, token: string, enrollments = paths(app).enrollments) {
    const started = await app.http.post(enrollments, { factorType: 'totp' }, { token });
    expect(started.status).toBe(201);
    return { ...started.body, phone: AuthenticatorApp.fromUri(started.body.totp.otpauthUri, env.clock) };
  }

  const confirm = (
    app: RunningApp,
    token: string,
    enrollmentId: string,
    body: Record<string, unknown>,
    enrollments = paths(app).enrollments,
  ) => app.http.post(`${enrollments}/${enrollmentId}/confirm`, body, { token });

  async function factorStatuses(userId: string): Promise<string[]> {
    const { rows } = await env.db.query(`SELECT status FROM factors WHERE user_id = $1 ORDER BY created_at`, [userId]);
    return rows.map((row) => row.status);
  }

  it('ABUSE-16 LOGIN-4 a password alone cannot confirm an authenticator app: the emailed code is required, and with it the sign-in completes', async () => {
    const user = await createUser(standard, { alwaysRequireMfa: true });
    const token = await mustEnroll(standard, user);
    const started = await startTotp(standard, token);
    expect(started).toMatchObject({ emailProofRequired: true, maskedEmail: `u•••@example.com` });

    const missing = await confirm(standard, token, started.enrollmentId, { code: started.phone.code() });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'emailCode', message: expect.any(String) }],
    });
    const malformed = await confirm(standard, token, started.enrollmentId, { code: started.phone.code(), emailCode: '12ab' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ field: 'emailCode', message: 'emailCode must be 6 digits' }]);

    const emailCode = await emailedEnrollmentCode(smtp, user.email);
    const wrong = await confirm(standard, token, started.enrollmentId, { code: started.phone.code(), emailCode: wrongCode(emailCode) });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'email_code_invalid', attemptsLeft: 4 });
    expect(wrong.body.message).toBe('The code from the email is not correct. 4 tries left.');
    expect(await factorStatuses(user.id)).toEqual(['pending']);

    // Spaces in the emailed code mean nothing, as in the factor's.
    const spaced = `${emailCode.slice(0, 3)} ${emailCode.slice(3)}`;
    const confirmed = await confirm(standard, token, started.enrollmentId, { code: started.phone.code(), emailCode: spaced });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'authenticated', accessToken: expect.any(String), recoveryCode: expect.any(String) });
    expect(await factorStatuses(user.id)).toEqual(['active']);
  });

  it('ABUSE-16 SMS-3 the attacker’s own phone is not enrolled without the emailed code, and a wrong email code does not spend the texted one', async () => {
    const user = await createUser(standard, { alwaysRequireMfa: true });
    const token = await mustEnroll(standard, user);
    const started = await standard.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber: ATTACKER_PHONE }, { token });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ emailProofRequired: true, maskedEmail: 'u•••@example.com' });
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const texted = twilio.lastCodeTo(ATTACKER_PHONE);

    expect((await confirm(standard, token, started.body.enrollmentId, { code: texted })).body.code).toBe('validation_failed');
    const emailCode = await emailedEnrollmentCode(smtp, user.email);
    const guessed = await confirm(standard, token, started.body.enrollmentId, { code: texted, emailCode: wrongCode(emailCode) });
    expect(guessed.body.code).toBe('email_code_invalid');
    expect(await factorStatuses(user.id)).toEqual(['pending']);

    const confirmed = await confirm(standard, token, started.body.enrollmentId, { code: texted, emailCode });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ factor: { type: 'sms' }, status: 'authenticated', recoveryCode: expect.any(String) });
  });

  it.each([
    ['payor', 'payments_disburser'],
    ['payee-admin', 'payee_admin'],
  ] as const)('ABUSE-16 PAY-5 Pay’s %s enrollment endpoint asks for the emailed code too', async (endpoint, role) => {
    const { user } = await createPayUser(pay, [role]);
    const token = await mustEnroll(pay, user);
    const enrollments = `/v1/pay/${endpoint}/enrollments`;
    const started = await startTotp(pay, token, enrollments);
    expect(started.emailProofRequired).toBe(true);
    const refused = await confirm(pay, token, started.enrollmentId, { code: started.phone.code() }, enrollments);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('emailCode');
    const emailCode = await emailedEnrollmentCode(smtp, user.email);
    const confirmed = await confirm(pay, token, started.enrollmentId, { code: started.phone.code(), emailCode }, enrollments);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'authenticated', recoveryCode: expect.any(String) });
  });

  it('ABUSE-16 the emailed code is good for 10 minutes; starting again emails a new one', async () => {
    const user = await createUser(standard, { alwaysRequireMfa: true });
    const token = await mustEnroll(standard, user);
    const started = await startTotp(standard, token);
    const stale = await emailedEnrollmentCode(smtp, user.email);
    // The mfaToken lives 10 minutes from the password step, so the sign-in ends no later than its email code
    // does: age the code alone by 10 minutes, as if it had been emailed that long ago.
    await env.db.query(
      `UPDATE enrollment_email_proofs SET created_at = created_at - interval '10 minutes', expires_at = expires_at - interval '10 minutes'`,
    );
    const expired = await confirm(standard, token, started.enrollmentId, { code: started.phone.code(), emailCode: stale });
    expect(expired.status).toBe(422);
    expect(expired.body.code).toBe('email_code_expired');

    const again = await startTotp(standard, token);
    const fresh = await emailedEnrollmentCode(smtp, user.email, 2);
    expect((await confirm(standard, token, again.enrollmentId, { code: again.phone.code(), emailCode: fresh })).status).toBe(200);
  });

  it('ABUSE-16 LOGIN-4 ten minutes after the start nothing confirms the enrollment', async () => {
    const user = await createUser(standard, { alwaysRequireMfa: true });
    const token = await mustEnroll(standard, user);
    const started = await startTotp(standard, token);
    const emailCode = await emailedEnrollmentCode(smtp, user.email);
    env.clock.advance(10 * 60);
    const late = await confirm(standard, token, started.enrollmentId, { code: started.phone.code(), emailCode });
    expect(late.status).toBe(401);
    expect(await factorStatuses(user.id)).toEqual(['pending']);
  });

  it('ABUSE-16 five wrong email codes spend it: the right one is refused after them', async () => {
    const user = await createUser(standard, { alwaysRequireMfa: true });
    const token = await mustEnroll(standard, user);
    const started = await startTotp(standard, token);
    const emailCode = await emailedEnrollmentCode(smtp, user.email);
    const left: unknown[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await confirm(standard, token, started.enrollmentId, { code: started.phone.code(), emailCode: wrongCode(emailCode) });
      left.push(wrong.body.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const right = await confirm(standard, token, started.enrollmentId, { code: started.phone.code(), emailCode });
    expect(right.status).toBe(422);
    expect(right.body.code).toBe('email_code_expired');
    expect(await factorStatuses(user.id)).toEqual(['pending']);
  });

  it('ABUSE-16 ABUSE-1 20 wrong email codes sent at once to two instances: at most 5 are compared', async () => {
    const instances = await twoInstances(env, 'standard', REQUIRED);
    const user = await createUser(standard, { alwaysRequireMfa: true });
    const token = await mustEnroll(instances[0], user);
    const started = await startTotp(instances[1], token);
    const emailCode = await emailedEnrollmentCode(smtp, user.email);
    const guesses = await burst(instances, 20, (app) =>
      confirm(app, token, started.enrollmentId, { code: started.phone.code(), emailCode: wrongCode(emailCode) }),
    );
    expect(tally(guesses)).toEqual({ '422 email_code_invalid': 5, '422 email_code_expired': 15 });
    expect(await auditCount(env, 'mfa.failed', user.id)).toBe(5);
    // Wrong email codes never reached the authenticator app's code.
    const { rows } = await env.db.query(`SELECT failed_attempts FROM challenges WHERE factor_id = $1`, [started.enrollmentId]);
    expect(rows).toEqual([{ failed_attempts: 0 }]);
  });

  it('ABUSE-16 two right confirmations sent at once to two instances activate the factor once', async () => {
    const instances = await twoInstances(env, 'standard', REQUIRED);
    const user = await createUser(standard, { alwaysRequireMfa: true });
    const token = await mustEnroll(instances[0], user);
    const started = await startTotp(instances[0], token);
    const emailCode = await emailedEnrollmentCode(smtp, user.email);
    const answers = await burst(instances, 2, (app) =>
      confirm(app, token, started.enrollmentId, { code: started.phone.code(), emailCode }),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status >= 400 && answer.status < 500)).toHaveLength(1);
    expect(await factorStatuses(user.id)).toEqual(['active']);
    expect(await auditCount(env, 'enrollment.confirmed', user.id)).toBe(1);
  });

  it('ABUSE-16 POL-8 self-service enrollment and adding a factor after proving one are not asked for an email code', async () => {
    const offApp = await env.standard();
    const enrolled = await createEnrolledUser(offApp, env.clock);
    const { accessToken } = (await signInWithTotp(standard, enrolled)).verified.body;
    const selfService = await standard.http.post(
      '/v1/enrollments',
      { factorType: 'totp', currentPassword: PASSWORD },
      { token: accessToken },
    );
    expect(selfService.status).toBe(201);
    expect(selfService.body.emailProofRequired).toBeUndefined();
    const phone = AuthenticatorApp.fromUri(selfService.body.totp.otpauthUri, env.clock);
    env.clock.advance(30);
    const replaced = await confirm(standard, accessToken, selfService.body.enrollmentId, { code: phone.code() });
    expect(replaced.status).toBe(200);

    // ABUSE-3: an SMS-only payor proves the phone, then enrolls the app inside the sign-in without an email code.
    const { user } = await createPayUser(pay, ['payments_disburser']);
    const smsFactorId = await registerPhone(env.db, user.id, ATTACKER_PHONE, env.clock.now());
    const token = await mustEnroll(pay, user);
    const proof = await pay.http.post('/v1/pay/challenges', { factorId: smsFactorId, purpose: 'proof' }, { token });
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    await pay.http.post(`/v1/pay/challenges/${proof.body.challengeId}/verify`, { code: twilio.lastCodeTo(ATTACKER_PHONE) }, { token });
    const started = await startTotp(pay, token);
    expect(started.emailProofRequired).toBeUndefined();
    expect((await confirm(pay, token, started.enrollmentId, { code: started.phone.code() })).status).toBe(200);
    expect(smtp.received.filter((mail) => mail.subject.includes('finish setting up'))).toEqual([]);
  });

  it('ABUSE-16 ENROLLMENT_EMAIL_PROOF=off: no email, no emailProofRequired, and emailCode is ignored', async () => {
    const offApp = await env.standard();
    const user = await createUser(offApp, { alwaysRequireMfa: true });
    const token = await mustEnroll(offApp, user);
    const started = await startTotp(offApp, token);
    expect(started.emailProofRequired).toBeUndefined();
    expect(started.maskedEmail).toBeUndefined();
    const confirmed = await confirm(offApp, token, started.enrollmentId, { code: started.phone.code(), emailCode: '000000' });
    expect(confirmed.status).toBe(200);
    const { rows } = await env.db.query(`SELECT count(*)::int AS n FROM outbox WHERE purpose = 'enrollment_email_code'`);
    expect(rows[0].n).toBe(0);
  });

  it('ABUSE-16 SEC-1 the email goes out through the outbox and the worker; the code is in no payload, log row or plaintext column', async () => {
    const user = await createUser(standard, { alwaysRequireMfa: true, locale: 'de' });
    const token = await mustEnroll(standard, user);
    const started = await startTotp(standard, token);
    const { rows: outbox } = await env.db.query(
      `SELECT kind, user_id, factor_id, params FROM outbox WHERE purpose = 'enrollment_email_code'`,
    );
    expect(outbox).toEqual([{ kind: 'email', user_id: user.id, factor_id: started.enrollmentId, params: {} }]);

    await eventually(() => expect(smtp.to(user.email)).toHaveLength(1));
    const [mail] = smtp.to(user.email);
    // In the user's language (I18N-2), and never to anyone but the account's address.
    expect(mail).toMatchObject({
      from: 'security@sitepass.test',
      to: [user.email],
      subject: expect.stringContaining('Zwei-Faktor-Anmeldung'),
    });
    const code = mail!.text.match(/Zwei-Faktor-Anmeldung: (\d{6})/)![1]!;
    await eventually(async () => {
      const { rows } = await env.db.query(`SELECT code_ciphertext FROM enrollment_email_proofs WHERE factor_id = $1`, [
        started.enrollmentId,
      ]);
      expect(rows).toEqual([{ code_ciphertext: null }]);
    });
    for (const table of ['outbox', 'enrollment_email_proofs', 'audit_events', 'factors', 'challenges']) {
      const { rows } = await env.db.query(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
      expect(rows.filter((row) => row.row.includes(code))).toEqual([]);
    }
    const confirmed = await confirm(standard, token, started.enrollmentId, { code: started.phone.code(), emailCode: code });
    expect(confirmed.status).toBe(200);
  });

  it('ABUSE-16 the OpenAPI documents of both products describe emailProofRequired, maskedEmail, emailCode and the email code errors', async () => {
    for (const [app, enrollments] of [
      [standard, '/v1/enrollments'],
      [pay, '/v1/pay/payor/enrollments'],
    ] as const) {
      const document = (await app.http.get('/docs/openapi.json')).body;
      expect(Object.keys(document.components.schemas.StartedEnrollmentDto.properties)).toEqual(
        expect.arrayContaining(['emailProofRequired', 'maskedEmail']),
      );
      const confirmation = document.paths[`${enrollments}/{enrollmentId}/confirm`].post;
      const body = confirmation.requestBody.content['application/json'].schema.$ref.split('/').pop();
      expect(document.components.schemas[body].properties.emailCode).toMatchObject({ type: 'string' });
      expect(confirmation.responses['422'].description).toMatch(/email_code_invalid/);
      expect(confirmation.responses['422'].description).toMatch(/email_code_expired/);
    }
  });

  it('ABUSE-16 a password holder cannot flood the user: at most 5 enrollment emails per user per hour', async () => {
    const user = await createUser(standard, { alwaysRequireMfa: true });
    const token = await mustEnroll(standard, user);
    for (let start = 0; start < 5; start += 1) await startTotp(standard, token);
    const refused = await standard.http.post('/v1/enrollments', { factorType: 'totp' }, { token });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('too_many_attempts');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const { rows } = await env.db.query(`SELECT count(*)::int AS n FROM outbox WHERE purpose = 'enrollment_email_code' AND user_id = $1`, [
      user.id,
    ]);
    expect(rows[0].n).toBe(5);

    env.clock.advance(60 * 60);
    const later = await standard.http.post('/v1/enrollments', { factorType: 'totp' }, { token: await mustEnroll(standard, user) });
    expect(later.status).toBe(201);
  });
});

/** A 6-digit code that is not `code`. */
function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}
