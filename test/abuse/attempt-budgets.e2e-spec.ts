import { signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser } from '../support/mfa';
import { createPayUser, enrollAtPaySignIn } from '../support/pay';
import { auditCount, burst, tally, twoInstances } from './burst';

/**
 * ABUSE-1: an attacker who holds the password sends guesses at once, spread over instances, challenges
 * and sign-ins. Every budget of LOGIN-5 and PAY-9 is taken before a code is evaluated, so a burst
 * evaluates at most what is left, and a delay or lock that begins mid-burst stops the rest of it.
 * A failed code is audited (`mfa.failed`) once it was evaluated: that count is the number of guesses.
 */
describe('ABUSE-1 attempt budgets under parallel guesses', () => {
  const env = useTestEnvironment();

  async function openChallenges(
    app: Awaited<ReturnType<typeof twoInstances>>[0],
    user: { email: string; factorId: string },
    signIns: number,
    perSignIn: number,
  ) {
    const challenges: Array<{ challengeId: string; mfaToken: string }> = [];
    for (let index = 0; index < signIns; index += 1) {
      const { mfaToken } = (await signIn(app, user.email)).body;
      for (let count = 0; count < perSignIn; count += 1) {
        const challenge = await app.http.post('/v1/challenges', { factorId: user.factorId }, { token: mfaToken });
        challenges.push({ challengeId: challenge.body.challengeId, mfaToken });
      }
    }
    return challenges;
  }

  it('ABUSE-1 LOGIN-5 50 wrong codes sent at once to one challenge on two instances: 5 are evaluated, the others get challenge_failed', async () => {
    const [first, second] = await twoInstances(env, 'standard');
    const user = await createEnrolledUser(first, env.clock);
    const [challenge] = await openChallenges(first, user, 1, 1);
    const wrong = user.app.wrongCode();
    const responses = await burst([first, second], 50, (app) =>
      app.http.post(`/v1/challenges/${challenge!.challengeId}/verify`, { code: wrong }, { token: challenge!.mfaToken }),
    );
    expect(await auditCount(env, 'mfa.failed', user.userId)).toBe(5);
    expect(tally(responses)).toEqual({ '422 verification_failed': 4, '422 challenge_failed': 46 });
    const { rows } = await env.db.query(`SELECT status, failed_attempts FROM challenges WHERE id = $1`, [challenge!.challengeId]);
    expect(rows[0]).toEqual({ status: 'failed', failed_attempts: 5 });
  });

  it('ABUSE-1 LOGIN-5 60 wrong codes at once over 12 challenges of 4 sign-ins: the delay after 10 failures stops the burst at 10', async () => {
    const [first, second] = await twoInstances(env, 'standard');
    const user = await createEnrolledUser(first, env.clock);
    const challenges = await openChallenges(first, user, 4, 3);
    const wrong = user.app.wrongCode();
    const responses = await burst([first, second], 60, (app, index) => {
      const { challengeId, mfaToken } = challenges[index % challenges.length]!;
      return app.http.post(`/v1/challenges/${challengeId}/verify`, { code: wrong }, { token: mfaToken });
    });
    expect(await auditCount(env, 'mfa.failed', user.userId)).toBe(10);
    const refused = responses.filter((response) => response.status === 429);
    expect(refused.length).toBe(50);
    for (const response of refused) {
      expect(response.body.code).toBe('too_many_attempts');
      expect(Number(response.headers.get('retry-after'))).toBe(60);
    }
    const { rows } = await env.db.query(`SELECT mfa_failure_count, mfa_blocked_until FROM users WHERE id = $1`, [user.userId]);
    expect(rows[0].mfa_failure_count).toBe(10);
    expect(rows[0].mfa_blocked_until).toEqual(new Date(env.clock.now().getTime() + 60_000));
  });

  it('ABUSE-1 LOGIN-5 REC-3 30 wrong recovery codes at once over 3 sign-ins evaluate 10', async () => {
    const [first, second] = await twoInstances(env, 'standard');
    const user = await createEnrolledUser(first, env.clock);
    const tokens: string[] = [];
    for (let index = 0; index < 3; index += 1) tokens.push((await signIn(first, user.email)).body.mfaToken as string);
    const responses = await burst([first, second], 30, (app, index) =>
      app.http.post(
        '/v1/recovery-codes/redeem',
        { code: `AAAA-AAAA-AAAA-AAAA-AAAA-AA${String(index).padStart(2, '0')}` },
        { token: tokens[index % 3] },
      ),
    );
    expect(await auditCount(env, 'mfa.failed', user.userId)).toBe(10);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(20);
  });

  it('ABUSE-1 LOGIN-5 at 99 consecutive failures a burst evaluates one more guess, locks MFA once and mails once', async () => {
    const [first, second] = await twoInstances(env, 'standard');
    const user = await createEnrolledUser(first, env.clock);
    const challenges = await openChallenges(first, user, 2, 2);
    await env.db.query(`UPDATE users SET mfa_failure_count = 99 WHERE id = $1`, [user.userId]);
    const wrong = user.app.wrongCode();
    const responses = await burst([first, second], 20, (app, index) => {
      const { challengeId, mfaToken } = challenges[index % challenges.length]!;
      return app.http.post(`/v1/challenges/${challengeId}/verify`, { code: wrong }, { token: mfaToken });
    });
    expect(await auditCount(env, 'mfa.failed', user.userId)).toBe(1);
    expect(await auditCount(env, 'account.mfa_locked', user.userId)).toBe(1);
    // The guess that locked says so; the others were refused by the delay, or by the lock once it was in.
    expect(Object.keys(tally(responses)).sort()).toEqual(expect.arrayContaining(['403 account_locked']));
    for (const answer of Object.keys(tally(responses))) expect(['403 account_locked', '429 too_many_attempts']).toContain(answer);
    const { rows } = await env.db.query(`SELECT mfa_failure_count, mfa_locked_at FROM users WHERE id = $1`, [user.userId]);
    expect(rows[0]).toEqual({ mfa_failure_count: 100, mfa_locked_at: env.clock.now() });
    const mails = await env.db.query(`SELECT count(*)::int AS n FROM outbox WHERE purpose = 'account_locked'`);
    expect(mails.rows[0].n).toBe(1);
  });

  it('ABUSE-1 PAY-9 30 wrong step-up codes at once over 4 step-ups of one session: 10 are evaluated and the session is revoked once', async () => {
    const [first, second] = await twoInstances(env, 'pay');
    const { user } = await createPayUser(first, ['payments_disburser']);
    const payor = await enrollAtPaySignIn(first, env.clock, user);
    const stepUps: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const started = await first.http.post(
        '/v1/pay/step-ups',
        { operation: 'disbursement.authorize', factorId: payor.factorId },
        { token: payor.accessToken },
      );
      stepUps.push(started.body.challengeId);
    }
    const wrong = payor.app.wrongCode();
    const responses = await burst([first, second], 30, (app, index) =>
      app.http.post(`/v1/pay/step-ups/${stepUps[index % 4]}/verify`, { code: wrong }, { token: payor.accessToken }),
    );
    expect(await auditCount(env, 'mfa.failed', user.id)).toBe(10);
    expect(tally(responses)['401 session_revoked']).toBeGreaterThanOrEqual(1);
    const { rows } = await env.db.query(`SELECT revoked_reason, step_up_failures FROM sessions WHERE user_id = $1 AND audience = 'pay'`, [
      user.id,
    ]);
    expect(rows).toEqual([{ revoked_reason: 'step_up_failures', step_up_failures: 10 }]);
    for (const app of [first, second]) {
      expect((await app.http.get('/v1/pay/sessions/current', { token: payor.accessToken })).body.code).toBe('session_revoked');
    }
  });
});
