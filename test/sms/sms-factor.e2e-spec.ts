import { createUser, PASSWORD, signIn } from '../support/factories';
import { eventually, FakeTwilio } from '../support/fake-twilio';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp, twilioWorkerEnv } from '../support/mfa';
import { decodeJwt } from '../support/jwt';

describe('SMS factor', () => {
  const env = useTestEnvironment();
  let twilio: FakeTwilio;

  beforeAll(async () => {
    twilio = await new FakeTwilio().start();
    await env.start('worker', twilioWorkerEnv(twilio.url));
  });
  afterAll(() => twilio.close());
  beforeEach(() => twilio.requests.splice(0));

  /** A user who must use MFA, enrolling a phone inside the forced sign-in. */
  async function enrollPhone(app: RunningApp, phoneNumber = '+14155550123') {
    const user = await createUser(app, { alwaysRequireMfa: true });
    const { mfaToken } = (await signIn(app, user.email)).body;
    const started = await app.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber }, { token: mfaToken });
    return { user, mfaToken, started };
  }

  it('SMS-3 SMS-6 SMS-7 answers 202 and the worker sends the exact Twilio request with the code', async () => {
    const app = await env.standard();
    const { started } = await enrollPhone(app, '+1 (415) 555-0123');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      enrollmentId: expect.any(String),
      factorType: 'sms',
      sms: {
        challengeId: expect.any(String),
        maskedPhoneNumber: '+1******0123',
        codeExpiresAt: expect.any(String),
        resendAvailableAt: expect.any(String),
      },
    });
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const [request] = twilio.delivered;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/2010-04-01/Accounts/ACtest0000000000000000000000000001/Messages.json',
      authorization: `Basic ${Buffer.from('ACtest0000000000000000000000000001:twilio-test-auth-token').toString('base64')}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(Object.keys(request!.form).sort()).toEqual(['Body', 'From', 'To']);
    expect(request!.form).toMatchObject({ To: '+14155550123', From: '+15005550006' });
    const code = twilio.lastCodeTo('+14155550123');
    expect(request!.form.Body).toBe(
      `Your Sitepass code is ${code}. It expires in 10 minutes.\nSitepass staff will never ask you for this code. Do not share it.\n\n@sitepass.test #${code}`,
    );
  });

  it('SMS-2 SMS-9 LOGIN-4 a texted code confirms the phone, completes the sign-in and is single use', async () => {
    const app = await env.standard();
    const { mfaToken, started } = await enrollPhone(app);
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const code = twilio.lastCodeTo('+14155550123');
    expect(code).toMatch(/^\d{6}$/);
    const confirmed = await app.http.post(`/v1/enrollments/${started.body.enrollmentId}/confirm`, { code }, { token: mfaToken });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      factor: { type: 'sms', maskedPhoneNumber: '+1******0123' },
      status: 'authenticated',
      recoveryCode: expect.any(String),
    });
    expect(decodeJwt(confirmed.body.accessToken).claims.amr).toEqual(['pwd', 'sms']);
    const again = await app.http.post(`/v1/enrollments/${started.body.enrollmentId}/confirm`, { code }, { token: mfaToken });
    expect(again.status).toBe(401);
  });

  it('SMS-2 SEC-1 keeps the code only as a keyed hash once delivered, and never in the job or the outbox', async () => {
    const app = await env.standard();
    const { started } = await enrollPhone(app);
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const code = twilio.lastCodeTo('+14155550123');
    await eventually(async () => {
      const { rows } = await env.db.query(`SELECT code_hash, code_ciphertext FROM challenges WHERE id = $1`, [
        started.body.sms.challengeId,
      ]);
      expect(rows[0].code_ciphertext).toBeNull();
      expect(rows[0].code_hash).not.toContain(code);
    });
    const outbox = await env.db.query(`SELECT * FROM outbox`);
    expect(JSON.stringify(outbox.rows)).not.toContain(code);
    expect(outbox.rows[0]).toMatchObject({
      kind: 'sms',
      purpose: 'challenge_code',
      status: 'sent',
      provider_message_id: expect.stringMatching(/^SM/),
    });
  });

  it('SMS-2 a resend voids the previous code; only the newest works, for 10 minutes', async () => {
    const app = await env.standard();
    const { mfaToken, started } = await enrollPhone(app);
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const first = twilio.lastCodeTo('+14155550123');
    env.clock.advance(30);
    const resent = await app.http.post(`/v1/enrollments/${started.body.enrollmentId}/resend`, undefined, { token: mfaToken });
    expect(resent.status).toBe(202);
    await eventually(() => expect(twilio.delivered).toHaveLength(2));
    const second = twilio.lastCodeTo('+14155550123');
    const confirm = (code: string) => app.http.post(`/v1/enrollments/${started.body.enrollmentId}/confirm`, { code }, { token: mfaToken });
    if (first !== second) expect((await confirm(first)).body.code).toBe('verification_failed');
    env.clock.advance(9 * 60);
    expect((await confirm(second)).status).toBe(200);
  });

  it('SMS-2 an SMS code expires after 10 minutes', async () => {
    const app = await env.standard();
    const { mfaToken, started } = await enrollPhone(app);
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    env.clock.advance(10 * 60 + 1);
    const late = await app.http.post(
      `/v1/enrollments/${started.body.enrollmentId}/confirm`,
      { code: twilio.lastCodeTo('+14155550123') },
      { token: mfaToken },
    );
    expect(late.status).toBe(401);
  });

  it('SMS-1 stores E.164 and refuses invalid numbers, landlines and numbers from other countries', async () => {
    const app = await env.standard();
    const cases: Array<[string, number, string]> = [
      ['0415 555 0123', 422, 'invalid_phone_number'],
      ['+1 415 555', 422, 'invalid_phone_number'],
      ['+44 20 7946 0958', 422, 'invalid_phone_number'],
      ['+7 912 345 67 89', 422, 'phone_country_not_allowed'],
      ['+55 11 91234 5678', 422, 'phone_country_not_allowed'],
    ];
    for (const [phoneNumber, status, code] of cases) {
      const { started } = await enrollPhone(app, phoneNumber);
      expect([phoneNumber, started.status, started.body.code]).toEqual([phoneNumber, status, code]);
    }
    const { started } = await enrollPhone(app, '+44 7400 123456');
    expect(started.status).toBe(202);
    const { rows } = await env.db.query(`SELECT phone_number FROM factors WHERE type = 'sms'`);
    expect(rows).toEqual([{ phone_number: '+447400123456' }]);
  });

  it('LOGIN-3 a user with both factors picks either at each sign-in; SMS answers 202 and texts a code', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const { accessToken } = (await signInWithTotp(app, user)).verified.body;
    const started = await app.http.post(
      '/v1/enrollments',
      { factorType: 'sms', phoneNumber: '+14155550199', currentPassword: PASSWORD },
      { token: accessToken },
    );
    expect(started.status).toBe(202);
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const confirmed = await app.http.post(
      `/v1/enrollments/${started.body.enrollmentId}/confirm`,
      { code: twilio.lastCodeTo('+14155550199') },
      { token: accessToken },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCode).toBeUndefined();

    env.clock.advance(30);
    const first = (await signIn(app, user.email)).body;
    expect(first.factors.map((factor: { type: string }) => factor.type).sort()).toEqual(['sms', 'totp']);
    const smsFactor = first.factors.find((factor: { type: string }) => factor.type === 'sms');
    expect(smsFactor.maskedPhoneNumber).toBe('+1******0199');
    const challenge = await app.http.post('/v1/challenges', { factorId: smsFactor.id }, { token: first.mfaToken });
    expect(challenge.status).toBe(202);
    expect(challenge.body).toMatchObject({ factorType: 'sms', expiresAt: expect.any(String), resendAvailableAt: expect.any(String) });
    await eventually(() => expect(twilio.delivered).toHaveLength(2));
    const verified = await app.http.post(
      `/v1/challenges/${challenge.body.challengeId}/verify`,
      { code: twilio.lastCodeTo('+14155550199') },
      { token: first.mfaToken },
    );
    expect(verified.status).toBe(200);
    expect(decodeJwt(verified.body.accessToken).claims.amr).toEqual(['pwd', 'sms']);
  });

  it('SMS-9 a new number replaces the old factor only when confirmed', async () => {
    const app = await env.standard();
    const { mfaToken, started } = await enrollPhone(app, '+14155550123');
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const { accessToken } = (
      await app.http.post(
        `/v1/enrollments/${started.body.enrollmentId}/confirm`,
        { code: twilio.lastCodeTo('+14155550123') },
        { token: mfaToken },
      )
    ).body;
    const change = await app.http.post(
      '/v1/enrollments',
      { factorType: 'sms', phoneNumber: '+14155550177', currentPassword: PASSWORD },
      { token: accessToken },
    );
    expect(change.body.replacesFactorId).toBe(started.body.enrollmentId);
    await eventually(() => expect(twilio.delivered).toHaveLength(2));
    expect((await env.db.query(`SELECT phone_number, status FROM factors ORDER BY created_at`)).rows).toEqual([
      { phone_number: '+14155550123', status: 'active' },
      { phone_number: '+14155550177', status: 'pending' },
    ]);
    await app.http.post(
      `/v1/enrollments/${change.body.enrollmentId}/confirm`,
      { code: twilio.lastCodeTo('+14155550177') },
      { token: accessToken },
    );
    expect((await env.db.query(`SELECT phone_number, status FROM factors ORDER BY created_at`)).rows).toEqual([
      { phone_number: '+14155550123', status: 'revoked' },
      { phone_number: '+14155550177', status: 'active' },
    ]);
  });

  it('SMS-8 sends a test message without a code to the registered number, counted against the quotas', async () => {
    const app = await env.standard();
    const { mfaToken, started } = await enrollPhone(app);
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const { accessToken } = (
      await app.http.post(
        `/v1/enrollments/${started.body.enrollmentId}/confirm`,
        { code: twilio.lastCodeTo('+14155550123') },
        { token: mfaToken },
      )
    ).body;
    const tooSoon = await app.http.post(`/v1/factors/${started.body.enrollmentId}/test-message`, undefined, { token: accessToken });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.code).toBe('resend_too_soon');
    env.clock.advance(30);
    const sent = await app.http.post(`/v1/factors/${started.body.enrollmentId}/test-message`, undefined, { token: accessToken });
    expect(sent.status).toBe(202);
    await eventually(() => expect(twilio.delivered).toHaveLength(2));
    expect(twilio.delivered[1]!.form.Body).toBe('Sitepass test message: this phone can receive your sign-in codes. No action is needed.');
    expect(twilio.delivered[1]!.form.Body).not.toMatch(/\d{6}/);
  });
});
