import { PASSWORD, registerPhone, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { burst, tally, twoInstances } from './burst';

/** ABUSE-5, ABUSE-7: what a stolen session can do to a user's factors, with requests sent at once. */
describe('ABUSE-5 ABUSE-7 self-service under parallel requests', () => {
  const env = useTestEnvironment();

  /** An enrolled user (authenticator app) with a phone too, and a session that proved MFA just now. */
  async function userWithTwoFactors() {
    const instances = await twoInstances(env, 'standard');
    const user = await createEnrolledUser(instances[0], env.clock);
    const phoneId = await registerPhone(env.db, user.userId, '+14155550123', env.clock.now());
    const { accessToken } = (await signInWithTotp(instances[0], user)).verified.body;
    return { instances, user, phoneId, accessToken: accessToken as string };
  }

  it('ABUSE-5 SEC-5 40 wrong current passwords at once on two instances: 10 are checked, then the account waits', async () => {
    const { instances, user, phoneId, accessToken } = await userWithTwoFactors();
    const answers = await burst(instances, 40, (app, index) =>
      app.http.delete(`/v1/factors/${phoneId}`, { token: accessToken, body: { currentPassword: `guess ${index}` } }),
    );
    expect(tally(answers)).toEqual({ '403 current_password_incorrect': 10, '429 too_many_attempts': 30 });
    for (const answer of answers.filter((candidate) => candidate.status === 429))
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    // The limit is SEC-5's account limit: the right password waits too, here and at sign-in.
    expect(
      (await instances[1].http.delete(`/v1/factors/${phoneId}`, { token: accessToken, body: { currentPassword: PASSWORD } })).status,
    ).toBe(429);
    expect((await signIn(instances[0], user.email)).status).toBe(429);
  });

  it('ABUSE-5 POL-8 without a recent MFA check no current password is checked at all', async () => {
    const { instances, user, phoneId, accessToken } = await userWithTwoFactors();
    env.clock.advance(11 * 60);
    const answers = await burst(instances, 40, (app, index) =>
      app.http.delete(`/v1/factors/${phoneId}`, { token: accessToken, body: { currentPassword: `guess ${index}` } }),
    );
    expect(tally(answers)).toEqual({ '401 reauthentication_required': 40 });
    // Nothing was counted against the account.
    expect((await signIn(instances[1], user.email)).body.status).toBe('mfa_required');
  });

  it('ABUSE-7 POL-8 two factors removed at once on two instances: a user who must use MFA keeps one', async () => {
    const { instances, user, phoneId, accessToken } = await userWithTwoFactors();
    const answers = await burst(instances, 8, (app, index) =>
      app.http.delete(`/v1/factors/${index % 2 ? phoneId : user.factorId}`, { token: accessToken, body: { currentPassword: PASSWORD } }),
    );
    const counts = tally(answers);
    expect(counts['204']).toBe(1);
    expect(counts['409 last_factor_required']).toBeGreaterThanOrEqual(1);
    for (const answer of Object.keys(counts)) expect(['204', '409 last_factor_required', '404 not_found']).toContain(answer);
    const { rows } = await env.db.query(`SELECT count(*)::int AS n FROM factors WHERE user_id = $1 AND status = 'active'`, [user.userId]);
    expect(rows[0].n).toBe(1);
  });
});
