import { createUser, PASSWORD, registerPhone as registerPhoneFactor, signIn } from '../support/factories';
import { eventually, useFakeTwilio } from '../support/fake-twilio';
import { useTestEnvironment } from '../support/harness';
import { AuthenticatorApp, twilioWorkerEnv } from '../support/mfa';
import { createPayUser } from '../support/pay';
import { adminToken, createCompanyWithAdmin, createMember, setPolicy } from '../support/policy';
import { burst, tally, twoInstances } from './burst';

/**
 * ABUSE-3: a password alone never adds a factor. The attacker holds the password and an mfaToken, and
 * tries to enroll their own authenticator app on an account that already has a factor.
 */
describe('ABUSE-3 a password alone never adds a factor', () => {
  const env = useTestEnvironment();
  const twilio = useFakeTwilio((url) => env.start('worker', twilioWorkerEnv(url)));
  const registerPhone = (userId: string, phoneNumber: string) => registerPhoneFactor(env.db, userId, phoneNumber, env.clock.now());

  async function activeFactorTypes(userId: string): Promise<string[]> {
    const { rows } = await env.db.query(`SELECT type FROM factors WHERE user_id = $1 AND status = 'active' ORDER BY type`, [userId]);
    return rows.map((row) => row.type);
  }

  it('ABUSE-3 PAY-3 an SMS-only payor proves the phone before the app is enrolled; without the proof every attempt gets 403 factor_proof_required', async () => {
    const instances = await twoInstances(env, 'pay');
    const { user } = await createPayUser(instances[0], ['payments_disburser']);
    const smsFactorId = await registerPhone(user.id, '+14155550123');

    const first = await signIn(instances[1], user.email);
    expect(first.body).toEqual({
      status: 'mfa_enrollment_required',
      mfaToken: expect.any(String),
      expiresIn: 600,
      allowedFactorTypes: ['totp'],
      proofRequired: true,
      proofFactors: [{ id: smsFactorId, type: 'sms', maskedPhoneNumber: '+1******0123' }],
    });
    const token = first.body.mfaToken;
    const attempts = await burst(instances, 10, (app) => app.http.post('/v1/pay/payor/enrollments', { factorType: 'totp' }, { token }));
    expect(tally(attempts)).toEqual({ '403 factor_proof_required': 10 });
    expect(attempts[0]!.body.proofFactors).toEqual([{ id: smsFactorId, type: 'sms', maskedPhoneNumber: '+1******0123' }]);
    expect(await activeFactorTypes(user.id)).toEqual(['sms']);
    const { rows } = await env.db.query(`SELECT count(*)::int AS n FROM factors WHERE user_id = $1 AND type = 'totp'`, [user.id]);
    expect(rows[0].n).toBe(0);

    // Signing in with the phone is still refused (PAY-3); proving it is what the mfaToken may do.
    expect((await instances[0].http.post('/v1/pay/challenges', { factorId: smsFactorId }, { token })).body.code).toBe(
      'factor_type_not_allowed',
    );
    const proof = await instances[0].http.post('/v1/pay/challenges', { factorId: smsFactorId, purpose: 'proof' }, { token });
    expect(proof.status).toBe(202);
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const proven = await instances[1].http.post(
      `/v1/pay/challenges/${proof.body.challengeId}/verify`,
      { code: twilio.lastCodeTo('+14155550123') },
      { token },
    );
    expect(proven.status).toBe(200);
    expect(proven.body).toEqual({ status: 'factor_proven', factorId: smsFactorId, factorType: 'sms' });

    const started = await instances[0].http.post('/v1/pay/payor/enrollments', { factorType: 'totp' }, { token });
    expect(started.status).toBe(201);
    const phone = AuthenticatorApp.fromUri(started.body.totp.otpauthUri, env.clock);
    const confirmed = await instances[1].http.post(
      `/v1/pay/payor/enrollments/${started.body.enrollmentId}/confirm`,
      { code: phone.code() },
      { token },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'authenticated', accessToken: expect.any(String) });
    expect(await activeFactorTypes(user.id)).toEqual(['sms', 'totp']);
  });

  it('ABUSE-3 SMS-1 a phone whose country is no longer allowed must be proven before another factor is added', async () => {
    const instances = await twoInstances(env, 'standard', { SMS_ALLOWED_COUNTRIES: 'US' });
    const user = await createUser(instances[0], { alwaysRequireMfa: true });
    const smsFactorId = await registerPhone(user.id, '+447400123456');
    const first = await signIn(instances[0], user.email);
    expect(first.body).toMatchObject({
      status: 'mfa_enrollment_required',
      proofRequired: true,
      proofFactors: [{ id: smsFactorId, type: 'sms' }],
    });
    const token = first.body.mfaToken;
    const attempts = await burst(instances, 10, (app, index) =>
      app.http.post('/v1/enrollments', index % 2 ? { factorType: 'totp' } : { factorType: 'sms', phoneNumber: '+14155550199' }, { token }),
    );
    expect(tally(attempts)).toEqual({ '403 factor_proof_required': 10 });
    expect(twilio.requests).toHaveLength(0);
  });

  it('ABUSE-3 LOGIN-4 enrollment is decided when it starts: an mfaToken from before the user enrolled cannot add a factor', async () => {
    const instances = await twoInstances(env, 'standard');
    const user = await createUser(instances[0], { alwaysRequireMfa: true });
    const stale = (await signIn(instances[0], user.email)).body.mfaToken;
    // The user enrolls meanwhile, in another sign-in.
    const fresh = (await signIn(instances[1], user.email)).body.mfaToken;
    const own = await instances[1].http.post('/v1/enrollments', { factorType: 'totp' }, { token: fresh });
    const ownApp = AuthenticatorApp.fromUri(own.body.totp.otpauthUri, env.clock);
    expect(
      (await instances[1].http.post(`/v1/enrollments/${own.body.enrollmentId}/confirm`, { code: ownApp.code() }, { token: fresh })).status,
    ).toBe(200);

    const attempts = await burst(instances, 10, (app) =>
      app.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber: '+14155550177' }, { token: stale }),
    );
    expect(tally(attempts)).toEqual({ '403 enrollment_not_available': 10 });
    expect(await activeFactorTypes(user.id)).toEqual(['totp']);
  });

  it('ABUSE-3 LOGIN-4 two sign-ins racing to enroll the first factor: one wins, the other needs a proof', async () => {
    const instances = await twoInstances(env, 'standard');
    const user = await createUser(instances[0], { alwaysRequireMfa: true });
    const [appToken, phoneToken] = await Promise.all([signIn(instances[0], user.email), signIn(instances[1], user.email)]).then((answers) =>
      answers.map((answer) => answer.body.mfaToken as string),
    );
    const app = await instances[0].http.post('/v1/enrollments', { factorType: 'totp' }, { token: appToken });
    const phone = await instances[1].http.post(
      '/v1/enrollments',
      { factorType: 'sms', phoneNumber: '+14155550166' },
      { token: phoneToken },
    );
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const code = AuthenticatorApp.fromUri(app.body.totp.otpauthUri, env.clock).code();
    const [appConfirmed, phoneConfirmed] = await Promise.all([
      instances[0].http.post(`/v1/enrollments/${app.body.enrollmentId}/confirm`, { code }, { token: appToken }),
      instances[1].http.post(
        `/v1/enrollments/${phone.body.enrollmentId}/confirm`,
        { code: twilio.lastCodeTo('+14155550166') },
        { token: phoneToken },
      ),
    ]);
    expect([appConfirmed.status, phoneConfirmed.status].sort()).toEqual([200, 403]);
    expect([appConfirmed, phoneConfirmed].find((answer) => answer.status === 403)!.body.code).toBe('factor_proof_required');
    expect(await activeFactorTypes(user.id)).toHaveLength(1);
  });

  it('ABUSE-3 the OpenAPI documents of both products describe the proof: proofRequired, proofFactors, purpose "proof" and 403 factor_proof_required', async () => {
    for (const [app, enrollments, challenges] of [
      [await env.standard(), ['/v1/enrollments', '/v1/enrollments/{enrollmentId}/confirm'], '/v1/challenges'],
      [await env.pay(), ['/v1/pay/payor/enrollments', '/v1/pay/payee-admin/enrollments/{enrollmentId}/confirm'], '/v1/pay/challenges'],
    ] as const) {
      const document = (await app.http.get('/docs/openapi.json')).body;
      expect(Object.keys(document.components.schemas.SignInAnswerDto.properties)).toEqual(
        expect.arrayContaining(['proofRequired', 'proofFactors']),
      );
      expect(document.components.schemas.FactorProofRequiredDto.properties.proofFactors).toBeDefined();
      for (const path of enrollments) {
        expect(document.paths[path].post.responses['403'].description).toMatch(/^factor_proof_required/);
      }
      const challengeBody = document.paths[challenges].post.requestBody.content['application/json'].schema.$ref.split('/').pop();
      expect(document.components.schemas[challengeBody].properties.purpose.enum).toEqual(['sign_in', 'proof']);
    }
  });

  it('ABUSE-3 POL-8 two password sessions racing to enroll the first factor in self-service: one wins, the other must prove it', async () => {
    const instances = await twoInstances(env, 'standard');
    const { company, admin } = await createCompanyWithAdmin(instances[0], env.clock);
    await setPolicy(instances[0], await adminToken(instances[0], admin), company.id, { enforcementDate: '2026-06-01', timeZone: 'UTC' });
    const member = await createMember(instances[0], company);
    const [first, second] = await Promise.all([signIn(instances[0], member.email), signIn(instances[1], member.email)]).then((answers) =>
      answers.map((answer) => answer.body.accessToken as string),
    );
    const app = await instances[0].http.post('/v1/enrollments', { factorType: 'totp', currentPassword: PASSWORD }, { token: first });
    const phone = await instances[1].http.post(
      '/v1/enrollments',
      { factorType: 'sms', phoneNumber: '+14155550155', currentPassword: PASSWORD },
      { token: second },
    );
    expect([app.status, phone.status]).toEqual([201, 202]);
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const code = AuthenticatorApp.fromUri(app.body.totp.otpauthUri, env.clock).code();
    const answers = await Promise.all([
      instances[0].http.post(`/v1/enrollments/${app.body.enrollmentId}/confirm`, { code }, { token: first }),
      instances[1].http.post(
        `/v1/enrollments/${phone.body.enrollmentId}/confirm`,
        { code: twilio.lastCodeTo('+14155550155') },
        { token: second },
      ),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    expect(answers.find((answer) => answer.status === 401)!.body.code).toBe('reauthentication_required');
    expect(await activeFactorTypes(member.id)).toHaveLength(1);
  });
});
