import { createUser, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { decodeJwt } from '../support/jwt';

describe('sign-in with an authenticator app', () => {
  const env = useTestEnvironment();

  async function pendingChallenge() {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const first = (await signIn(app, user.email)).body;
    const challenge = (await app.http.post('/v1/challenges', { factorId: user.factorId }, { token: first.mfaToken })).body;
    const verify = (code: string, instance = app) =>
      instance.http.post(`/v1/challenges/${challenge.challengeId}/verify`, { code }, { token: first.mfaToken });
    return { app, user, first, challenge, verify };
  }

  it('LOGIN-1 LOGIN-2 answers mfa_required with an mfaToken and the usable factors for an enrolled user', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const response = await signIn(app, user.email);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'mfa_required',
      mfaToken: expect.any(String),
      expiresIn: 600,
      factors: [{ id: user.factorId, type: 'totp' }],
      recoveryCodeAvailable: true,
    });
  });

  it('LOGIN-2 requires MFA for alwaysRequireMfa users and for enrolled users, and not for others', async () => {
    const app = await env.standard();
    const plain = await createUser(app);
    const flagged = await createUser(app, { alwaysRequireMfa: true });
    const enrolled = await createEnrolledUser(app, env.clock);
    expect((await signIn(app, plain.email)).body.status).toBe('authenticated');
    expect((await signIn(app, flagged.email)).body.status).toBe('mfa_enrollment_required');
    expect((await signIn(app, enrolled.email)).body.status).toBe('mfa_required');
  });

  it('LOGIN-3 SES-2 verifies the chosen factor and signs in at aal2 with amr otp and mfa_time', async () => {
    const { verify, user } = await pendingChallenge();
    const response = await verify(user.app.code());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'authenticated',
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      deviceToken: expect.any(String),
    });
    const now = Math.floor(env.clock.now().getTime() / 1000);
    expect(decodeJwt(response.body.accessToken).claims).toMatchObject({
      acr: 'aal2',
      amr: ['pwd', 'otp'],
      mfa_time: now,
      sub: user.userId,
    });
  });

  it('SES-8 the mfaToken opens only the MFA endpoints', async () => {
    const { app, first } = await pendingChallenge();
    const asAccess = await app.http.get('/v1/sessions/current', { token: first.mfaToken });
    expect(asAccess.status).toBe(401);
    expect(asAccess.body.code).toBe('invalid_token');
    expect((await app.http.get('/v1/me/mfa', { token: first.mfaToken })).body.code).toBe('invalid_token');
    const pay = await env.pay();
    expect((await pay.http.post('/v1/pay/challenges', { factorId: first.factors[0].id }, { token: first.mfaToken })).body.code).toBe(
      'invalid_token',
    );
  });

  describe('TOTP-4 drift window and replay', () => {
    it('TOTP-4 accepts a code one step early or late', async () => {
      for (const offset of [-1, 1]) {
        const { verify, user } = await pendingChallenge();
        // One step further, so that the step before has not been used by the enrollment.
        env.clock.advance(30);
        expect((await verify(user.app.code(offset))).status).toBe(200);
      }
    });

    it('TOTP-4 TOTP-7 refuses a code two steps away (and tells it is a clock problem)', async () => {
      for (const offset of [-2, 2]) {
        const { verify, user } = await pendingChallenge();
        const response = await verify(user.app.code(offset));
        expect(response.status).toBe(422);
        expect(response.body.code).toBe('clock_skew_suspected');
      }
    });

    it('TOTP-4 refuses the same code sent twice with code_already_used', async () => {
      const { app, verify, user } = await pendingChallenge();
      const code = user.app.code();
      expect((await verify(code)).status).toBe(200);
      const again = await signIn(app, user.email);
      const challenge = (await app.http.post('/v1/challenges', { factorId: user.factorId }, { token: again.body.mfaToken })).body;
      const replay = await app.http.post(`/v1/challenges/${challenge.challengeId}/verify`, { code }, { token: again.body.mfaToken });
      expect(replay.status).toBe(422);
      expect(replay.body.code).toBe('code_already_used');
      // An older step than the last accepted one is a replay too.
      const older = await app.http.post(
        `/v1/challenges/${challenge.challengeId}/verify`,
        { code: user.app.code(-1) },
        { token: again.body.mfaToken },
      );
      expect(older.body.code).toBe('code_already_used');
    });

    it('TOTP-4 OPS-5 accepts a code sent 20 times at once across two instances exactly once', async () => {
      const { app, user, verify } = await pendingChallenge();
      const second = await env.start('standard');
      const sessionsBefore = (await env.db.query(`SELECT count(*)::int AS n FROM sessions`)).rows[0].n;
      const code = user.app.code();
      const responses = await Promise.all(Array.from({ length: 20 }, (_, index) => verify(code, index % 2 === 0 ? app : second)));
      const accepted = responses.filter((response) => response.status === 200);
      expect(accepted).toHaveLength(1);
      // A copy that reached the replay guard while the winner held the factor row loses there
      // (422 code_already_used); a copy that arrived after the winner committed finds its mfaToken
      // spent by the completed sign-in (401 invalid_token). Which copies are which is up to timing.
      const refusals = responses
        .filter((response) => response.status !== 200)
        .map((response) => `${response.status} ${response.body.code}`);
      expect(refusals).toHaveLength(19);
      for (const refusal of refusals) expect(['422 code_already_used', '401 invalid_token']).toContain(refusal);
      expect((await env.db.query(`SELECT count(*)::int AS n FROM sessions`)).rows[0].n).toBe(sessionsBefore + 1);
    });

    it('TOTP-4 accepts codes in two different sign-ins when the step has moved on', async () => {
      const app = await env.standard();
      const user = await createEnrolledUser(app, env.clock);
      expect((await signInWithTotp(app, user)).verified.status).toBe(200);
      env.clock.advance(30);
      expect((await signInWithTotp(app, user)).verified.status).toBe(200);
    });
  });

  describe('TOTP-7 clock help', () => {
    it('TOTP-7 explains a phone clock five minutes off, counts the attempt, and never accepts the code', async () => {
      const { verify, user } = await pendingChallenge();
      const response = await verify(user.app.code(10));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'clock_skew_suspected',
        estimatedOffsetSeconds: 300,
        advice: expect.stringMatching(/automatic/),
        attemptsLeft: 4,
      });
      const behind = await verify(user.app.code(-10));
      expect(behind.body).toMatchObject({ code: 'clock_skew_suspected', estimatedOffsetSeconds: -300, attemptsLeft: 3 });
    });

    it('TOTP-7 judges by the server clock: a code from 11 minutes away is just wrong', async () => {
      const { verify, user } = await pendingChallenge();
      const response = await verify(user.app.code(22));
      expect(response.body.code).toBe('verification_failed');
    });
  });

  describe('LOGIN-5 attempt budgets', () => {
    it('LOGIN-5 says how many attempts are left, ends the challenge after 5 wrong codes and the sign-in after 10', async () => {
      const { app, verify, user, first } = await pendingChallenge();
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        const response = await verify(user.app.wrongCode());
        expect(response.body).toMatchObject({ code: 'verification_failed', attemptsLeft: 5 - attempt });
      }
      const fifth = await verify(user.app.wrongCode());
      expect(fifth.body.code).toBe('challenge_failed');
      expect((await verify(user.app.code())).body.code).toBe('challenge_failed');

      const second = (await app.http.post('/v1/challenges', { factorId: user.factorId }, { token: first.mfaToken })).body;
      const verifySecond = (code: string) =>
        app.http.post(`/v1/challenges/${second.challengeId}/verify`, { code }, { token: first.mfaToken });
      for (let attempt = 6; attempt <= 9; attempt += 1) {
        expect((await verifySecond(user.app.wrongCode())).body).toMatchObject({ code: 'verification_failed', attemptsLeft: 10 - attempt });
      }
      const tenth = await verifySecond(user.app.wrongCode());
      expect(tenth.status).toBe(401);
      expect(tenth.body.code).toBe('mfa_attempts_exhausted');
      const after = await app.http.post('/v1/challenges', { factorId: user.factorId }, { token: first.mfaToken });
      expect(after.body.code).toBe('mfa_attempts_exhausted');
    });

    it('LOGIN-5 keeps the budgets in PostgreSQL: they survive a restart and hold on another instance', async () => {
      const { app, verify, user } = await pendingChallenge();
      for (let attempt = 0; attempt < 3; attempt += 1) await verify(user.app.wrongCode());
      await app.close();
      const restarted = await env.start('standard');
      expect((await verify(user.app.wrongCode(), restarted)).body).toMatchObject({ code: 'verification_failed', attemptsLeft: 1 });
    });

    it('LOGIN-5 delays the account after 10 consecutive failures across sign-ins, doubling to 15 minutes', async () => {
      const app = await env.standard();
      const user = await createEnrolledUser(app, env.clock);
      const failOnce = async () => {
        const first = (await signIn(app, user.email)).body;
        const challenge = await app.http.post('/v1/challenges', { factorId: user.factorId }, { token: first.mfaToken });
        // While the account is delayed, even a new challenge is refused.
        if (challenge.status !== 201) return challenge;
        return app.http.post(
          `/v1/challenges/${challenge.body.challengeId}/verify`,
          { code: user.app.wrongCode() },
          { token: first.mfaToken },
        );
      };
      for (let failure = 1; failure <= 9; failure += 1) expect((await failOnce()).status).toBe(422);
      expect((await failOnce()).status).toBe(422);
      const delayed = await failOnce();
      expect(delayed.status).toBe(429);
      expect(delayed.body.code).toBe('too_many_attempts');
      expect(delayed.headers.get('retry-after')).toBe('60');
      env.clock.advance(60);
      expect((await failOnce()).status).toBe(422);
      expect((await failOnce()).headers.get('retry-after')).toBe('120');
      for (const expected of [120, 240, 480, 900, 900]) {
        env.clock.advance(expected);
        expect((await failOnce()).status).toBe(422);
        const next = await failOnce();
        expect(next.status).toBe(429);
        expect(Number(next.headers.get('retry-after'))).toBe(Math.min(900, expected * 2));
      }
    });

    it('LOGIN-5 a success resets the consecutive count', async () => {
      const app = await env.standard();
      const user = await createEnrolledUser(app, env.clock);
      await env.db.query(`UPDATE users SET mfa_failure_count = 9 WHERE id = $1`, [user.userId]);
      expect((await signInWithTotp(app, user)).verified.status).toBe(200);
      expect((await env.db.query(`SELECT mfa_failure_count FROM users WHERE id = $1`, [user.userId])).rows[0].mfa_failure_count).toBe(0);
    });

    it('LOGIN-5 locks MFA after 100 consecutive failures until a reset, whatever the factor', async () => {
      const app = await env.standard();
      const user = await createEnrolledUser(app, env.clock);
      await env.db.query(`UPDATE users SET mfa_failure_count = 99 WHERE id = $1`, [user.userId]);
      const first = (await signIn(app, user.email)).body;
      const redeemed = await app.http.post(
        '/v1/recovery-codes/redeem',
        { code: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' },
        { token: first.mfaToken },
      );
      expect(redeemed.status).toBe(403);
      expect(redeemed.body.code).toBe('account_locked');
      env.clock.advance(24 * 3600);
      const later = await signIn(app, user.email);
      expect(later.status).toBe(403);
      expect(later.body.code).toBe('account_locked');
      const audit = await env.db.query(`SELECT type FROM audit_events WHERE type = 'account.mfa_locked'`);
      expect(audit.rowCount).toBe(1);
    });
  });
});
