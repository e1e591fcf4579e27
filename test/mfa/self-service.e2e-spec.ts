import { LoggerService } from '@nestjs/common';
import { JsonLogger } from '@sitepass/common';
import { createUser, PASSWORD, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { AuthenticatorApp, createEnrolledUser, signInWithTotp } from '../support/mfa';

describe('self-service factor changes', () => {
  const env = useTestEnvironment();

  async function signedInWithMfa() {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const { accessToken } = (await signInWithTotp(app, user)).verified.body;
    return { app, user, accessToken };
  }

  it('POL-8 needs the current password to add a factor', async () => {
    const { app, accessToken } = await signedInWithMfa();
    const missing = await app.http.post('/v1/enrollments', { factorType: 'totp' }, { token: accessToken });
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('current_password_incorrect');
    const wrong = await app.http.post('/v1/enrollments', { factorType: 'totp', currentPassword: 'nope' }, { token: accessToken });
    expect(wrong.body.code).toBe('current_password_incorrect');
    const right = await app.http.post('/v1/enrollments', { factorType: 'totp', currentPassword: PASSWORD }, { token: accessToken });
    expect(right.status).toBe(201);
  });

  it('POL-8 needs an MFA check within 10 minutes when the user has a factor, and a re-check provides it', async () => {
    const { app, user, accessToken } = await signedInWithMfa();
    env.clock.advance(10 * 60 + 1);
    const stale = await app.http.post('/v1/enrollments', { factorType: 'totp', currentPassword: PASSWORD }, { token: accessToken });
    expect(stale.status).toBe(401);
    expect(stale.body.code).toBe('reauthentication_required');

    const challenge = await app.http.post('/v1/challenges', { factorId: user.factorId }, { token: accessToken });
    expect(challenge.status).toBe(201);
    const recheck = await app.http.post(
      `/v1/challenges/${challenge.body.challengeId}/verify`,
      { code: user.app.code() },
      { token: accessToken },
    );
    expect(recheck.status).toBe(200);
    expect(recheck.body).toMatchObject({ status: 'verified', accessToken: expect.any(String), mfaTime: env.clock.now().toISOString() });
    const fresh = await app.http.post(
      '/v1/enrollments',
      { factorType: 'totp', currentPassword: PASSWORD },
      { token: recheck.body.accessToken },
    );
    expect(fresh.status).toBe(201);
  });

  it('POL-8 refuses to remove the last factor while MFA is required, and removes one otherwise', async () => {
    const { app, user, accessToken } = await signedInWithMfa();
    const refused = await app.http.delete(`/v1/factors/${user.factorId}`, { token: accessToken, body: { currentPassword: PASSWORD } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('last_factor_required');

    // A voluntarily enrolled user (nothing else requires MFA) may remove their only factor.
    const voluntary = await createUser(app);
    const session = (await signIn(app, voluntary.email)).body;
    await env.db.query(`UPDATE users SET always_require_mfa = true WHERE id = $1`, [voluntary.id]);
    const started = await app.http.post(
      '/v1/enrollments',
      { factorType: 'totp', currentPassword: PASSWORD },
      { token: session.accessToken },
    );
    const phone = AuthenticatorApp.fromUri(started.body.totp.otpauthUri, env.clock);
    await app.http.post(`/v1/enrollments/${started.body.enrollmentId}/confirm`, { code: phone.code() }, { token: session.accessToken });
    await env.db.query(`UPDATE users SET always_require_mfa = false WHERE id = $1`, [voluntary.id]);
    env.clock.advance(30);
    const recheck = await app.http.post('/v1/challenges', { factorId: started.body.enrollmentId }, { token: session.accessToken });
    const fresh = (
      await app.http.post(`/v1/challenges/${recheck.body.challengeId}/verify`, { code: phone.code() }, { token: session.accessToken })
    ).body;
    const removed = await app.http.delete(`/v1/factors/${started.body.enrollmentId}`, {
      token: fresh.accessToken,
      body: { currentPassword: PASSWORD },
    });
    expect(removed.status).toBe(204);
    expect((await signIn(app, voluntary.email)).body.status).toBe('authenticated');
  });

  it('POL-8 voluntary enrollment is closed to users whom nothing requires MFA yet', async () => {
    const app = await env.standard();
    const user = await createUser(app);
    const { accessToken } = (await signIn(app, user.email)).body;
    const response = await app.http.post('/v1/enrollments', { factorType: 'totp', currentPassword: PASSWORD }, { token: accessToken });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('enrollment_not_available');
  });

  it('LOGIN-4 a password alone never adds a factor: an mfa_required sign-in cannot enroll', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const { mfaToken } = (await signIn(app, user.email)).body;
    const response = await app.http.post('/v1/enrollments', { factorType: 'totp' }, { token: mfaToken });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('enrollment_not_available');
  });

  it('SEC-3 another user’s factor, challenge or enrollment is a 404, never their data', async () => {
    const { app, accessToken } = await signedInWithMfa();
    const other = await createEnrolledUser(app, env.clock);
    const { mfaToken } = (await signIn(app, other.email)).body;
    const otherChallenge = (await app.http.post('/v1/challenges', { factorId: other.factorId }, { token: mfaToken })).body;

    expect((await app.http.post('/v1/challenges', { factorId: other.factorId }, { token: accessToken })).status).toBe(404);
    expect(
      (await app.http.post(`/v1/challenges/${otherChallenge.challengeId}/verify`, { code: other.app.code() }, { token: accessToken }))
        .status,
    ).toBe(404);
    expect(
      (await app.http.delete(`/v1/factors/${other.factorId}`, { token: accessToken, body: { currentPassword: PASSWORD } })).status,
    ).toBe(404);
    expect((await app.http.post(`/v1/enrollments/${other.factorId}/confirm`, { code: '123456' }, { token: accessToken })).status).toBe(404);
    // The other user's challenge is still untouched and works for them.
    expect(
      (await app.http.post(`/v1/challenges/${otherChallenge.challengeId}/verify`, { code: other.app.code() }, { token: mfaToken })).status,
    ).toBe(200);
  });

  it('GET /v1/me/mfa shows factors, recovery code status and why MFA is required', async () => {
    const { app, user, accessToken } = await signedInWithMfa();
    const overview = await app.http.get('/v1/me/mfa', { token: accessToken });
    expect(overview.body).toMatchObject({
      mfaRequired: true,
      reasons: ['enrolled', 'always_require_mfa'],
      allowedFactorTypes: ['totp', 'sms'],
      reauthIntervalSeconds: 43200,
      factors: [{ id: user.factorId, type: 'totp', status: 'active' }],
      recoveryCode: { available: true, issuedAt: expect.any(String) },
    });
  });

  it('AUD-1 records enrollment, MFA successes and failures with the factor type, and recovery codes', async () => {
    const { app, user } = await signedInWithMfa();
    const { mfaToken } = (await signIn(app, user.email)).body;
    const challenge = (await app.http.post('/v1/challenges', { factorId: user.factorId }, { token: mfaToken })).body;
    await app.http.post(`/v1/challenges/${challenge.challengeId}/verify`, { code: user.app.wrongCode() }, { token: mfaToken });
    const { rows } = await env.db.query(`SELECT type, data, subject_user_id FROM audit_events ORDER BY id`);
    expect(rows.map((row) => row.type)).toEqual([
      'sign_in.enrollment_required',
      'enrollment.started',
      'enrollment.confirmed',
      'recovery_code.issued',
      'sign_in.succeeded',
      'sign_in.mfa_required',
      'mfa.verified',
      'sign_in.succeeded',
      'sign_in.mfa_required',
      'mfa.failed',
    ]);
    expect(rows.every((row) => row.subject_user_id === user.userId)).toBe(true);
    expect(rows.find((row) => row.type === 'mfa.failed').data).toEqual({ factorType: 'totp', reason: 'verification_failed' });
  });

  it('SEC-1 no code, secret, token or recovery code reaches the logs or the database in plaintext', async () => {
    const lines: string[] = [];
    const logger: LoggerService = new JsonLogger('debug', (line) => lines.push(line));
    const app = await env.start('standard', { LOG_LEVEL: 'debug' }, { logger });
    const user = await createEnrolledUser(app, env.clock);
    const { verified } = await signInWithTotp(app, user);
    const secrets = [
      user.app.secret,
      user.recoveryCode.replace(/-/g, ''),
      user.recoveryCode,
      verified.body.refreshToken,
      verified.body.deviceToken,
      PASSWORD,
    ];
    const { rows } = await env.db.query(`
      SELECT json_agg(t)::text AS dump FROM (
        SELECT row_to_json(f)::text AS r FROM factors f UNION ALL SELECT row_to_json(c)::text FROM challenges c
        UNION ALL SELECT row_to_json(s)::text FROM sessions s UNION ALL SELECT row_to_json(r)::text FROM refresh_tokens r
        UNION ALL SELECT row_to_json(p)::text FROM pending_sign_ins p UNION ALL SELECT row_to_json(d)::text FROM trusted_devices d
        UNION ALL SELECT row_to_json(rc)::text FROM recovery_codes rc UNION ALL SELECT row_to_json(a)::text FROM audit_events a
        UNION ALL SELECT row_to_json(u)::text FROM users u) t`);
    const everything = `${rows[0].dump}\n${lines.join('\n')}`;
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
