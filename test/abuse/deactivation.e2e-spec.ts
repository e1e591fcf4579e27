import { createUser, signIn } from '../support/factories';
import { ApiResponse } from '../support/http-client';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { AuthenticatorApp, createEnrolledUser, EnrolledUser, signInWithTotp } from '../support/mfa';
import { TEST_SERVICE_TOKEN } from '../support/test-config';
import { twoInstances } from './burst';

/**
 * ABUSE-4: a user deactivated while a sign-in is in its MFA step gets no tokens from it, by any path,
 * whichever request reaches PostgreSQL first.
 */
describe('ABUSE-4 deactivation during the MFA step', () => {
  const env = useTestEnvironment();

  const deactivate = (app: RunningApp, userId: string) =>
    app.http.patch(`/internal/v1/users/${userId}`, { status: 'inactive' }, { token: TEST_SERVICE_TOKEN });

  async function liveSessions(userId: string): Promise<number> {
    const { rows } = await env.db.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
    return rows[0].n;
  }

  /** Every access token the burst handed out is refused on both instances afterwards. */
  async function expectNoneAccepted(instances: RunningApp[], answers: ApiResponse[]): Promise<void> {
    for (const answer of answers) {
      const accessToken = answer.body?.accessToken;
      if (!accessToken) continue;
      for (const app of instances) expect((await app.http.get('/v1/sessions/current', { token: accessToken })).status).toBe(401);
    }
  }

  /** What an attacker holding the password has going for this user: sign-ins in their MFA step, a device, a refresh token. */
  async function openEverything(app: RunningApp, user: EnrolledUser) {
    const { verified } = await signInWithTotp(app, user);
    env.clock.advance(30);
    const pending = [];
    for (let index = 0; index < 4; index += 1) {
      const { mfaToken } = (await signIn(app, user.email)).body;
      const challenge = (await app.http.post('/v1/challenges', { factorId: user.factorId }, { token: mfaToken })).body;
      pending.push({ mfaToken: mfaToken as string, challengeId: challenge.challengeId as string });
    }
    return { pending, deviceToken: verified.body.deviceToken as string, refreshToken: verified.body.refreshToken as string };
  }

  it('ABUSE-4 SES-7 codes, recovery codes, trusted devices and refreshes racing the deactivation on two instances leave no live session', async () => {
    const instances = await twoInstances(env, 'standard');
    const user = await createEnrolledUser(instances[0], env.clock);
    const { pending, deviceToken, refreshToken } = await openEverything(instances[0], user);
    const code = user.app.code();
    const answers = await Promise.all([
      deactivate(instances[0], user.userId),
      ...pending
        .slice(0, 2)
        .map(({ mfaToken, challengeId }, index) =>
          instances[index % 2]!.http.post(`/v1/challenges/${challengeId}/verify`, { code }, { token: mfaToken }),
        ),
      instances[1].http.post('/v1/recovery-codes/redeem', { code: user.recoveryCode }, { token: pending[2]!.mfaToken }),
      ...instances.map((app) => signIn(app, user.email, undefined, { deviceToken })),
      instances[0].http.post('/v1/sessions/refresh', { refreshToken }),
    ]);
    expect(answers[0]!.status).toBe(204);
    expect(await liveSessions(user.userId)).toBe(0);
    await expectNoneAccepted(instances, answers);

    // After the deactivation, every path is closed, on both instances.
    env.clock.advance(30);
    const last = pending[3]!;
    const after = await Promise.all([
      instances[1].http.post(`/v1/challenges/${last.challengeId}/verify`, { code: user.app.code() }, { token: last.mfaToken }),
      instances[0].http.post('/v1/recovery-codes/redeem', { code: user.recoveryCode }, { token: last.mfaToken }),
      signIn(instances[1], user.email, undefined, { deviceToken }),
    ]);
    for (const answer of after) expect(answer.status).toBe(401);
    expect(await liveSessions(user.userId)).toBe(0);
    const open = await env.db.query(`SELECT count(*)::int AS n FROM pending_sign_ins WHERE user_id = $1 AND status = 'pending'`, [
      user.userId,
    ]);
    expect(open.rows[0].n).toBe(0);
    const challenges = await env.db.query(`SELECT count(*)::int AS n FROM challenges WHERE user_id = $1 AND status = 'pending'`, [
      user.userId,
    ]);
    expect(challenges.rows[0].n).toBe(0);
  });

  it('ABUSE-4 LOGIN-4 a first enrollment confirmed after the deactivation gives no tokens', async () => {
    const instances = await twoInstances(env, 'standard');
    const user = await createUser(instances[0], { alwaysRequireMfa: true });
    const { mfaToken } = (await signIn(instances[0], user.email)).body;
    const started = (await instances[0].http.post('/v1/enrollments', { factorType: 'totp' }, { token: mfaToken })).body;
    const phone = AuthenticatorApp.fromUri(started.totp.otpauthUri, env.clock);
    const [deactivated, ...confirms] = await Promise.all([
      deactivate(instances[1], user.id),
      ...instances.map((app) =>
        app.http.post(`/v1/enrollments/${started.enrollmentId}/confirm`, { code: phone.code() }, { token: mfaToken }),
      ),
    ]);
    expect(deactivated!.status).toBe(204);
    expect(await liveSessions(user.id)).toBe(0);
    await expectNoneAccepted(instances, confirms);
    env.clock.advance(30);
    const late = await instances[0].http.post(
      `/v1/enrollments/${started.enrollmentId}/confirm`,
      { code: phone.code() },
      { token: mfaToken },
    );
    expect(late.status).toBe(401);
  });
});
