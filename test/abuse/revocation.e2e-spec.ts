import type Redis from 'ioredis';
import { createUser, signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { freePort, RedisServer } from '../support/redis-server';
import { burst, tally } from './burst';

/**
 * ABUSE-8: revocation never fails open. Two instances share a Redis of this test's own, which is then
 * made to refuse writes the ways a real one does: out of memory, and read-only.
 */
describe('ABUSE-8 revocation when Redis refuses writes', () => {
  const env = useTestEnvironment();
  let redis: RedisServer;
  let admin: Redis;

  beforeEach(async () => {
    redis = await new RedisServer().start();
    admin = redis.client();
  });
  afterEach(async () => {
    admin.disconnect();
    await env.endTest();
    await redis.stop();
  });

  async function signedIn(): Promise<{ instances: RunningApp[]; accessToken: string; sessionId: string }> {
    const instances = await Promise.all([env.start('standard', { REDIS_URL: redis.url }), env.start('standard', { REDIS_URL: redis.url })]);
    const user = await createUser(instances[0]);
    const { accessToken } = (await signIn(instances[0], user.email)).body;
    const current = await instances[1].http.get('/v1/sessions/current', { token: accessToken });
    expect(current.status).toBe(200);
    return { instances, accessToken, sessionId: current.body.sessionId };
  }

  const checkEverywhere = (instances: RunningApp[], accessToken: string) =>
    burst(instances, 10, (app) => app.http.get('/v1/sessions/current', { token: accessToken }));

  it('ABUSE-8 SES-7 with Redis out of memory, a sign-out still reaches every instance: they answer from PostgreSQL', async () => {
    const { instances, accessToken } = await signedIn();
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', '1');
    const [signedOut, during] = await Promise.all([
      instances[0].http.delete('/v1/sessions/current', { token: accessToken }),
      checkEverywhere(instances, accessToken),
    ]);
    expect(signedOut.status).toBe(204);
    for (const answer of during) expect([200, 401]).toContain(answer.status);
    expect(tally(await checkEverywhere(instances, accessToken))).toEqual({ '401 session_revoked': 10 });
  });

  it('ABUSE-8 SES-7 with Redis read-only, the sign-out fails with 503 and is not half done; once Redis takes writes it works', async () => {
    const { instances, accessToken, sessionId } = await signedIn();
    await admin.call('REPLICAOF', '127.0.0.1', String(await freePort()));
    const refused = await instances[0].http.delete('/v1/sessions/current', { token: accessToken });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('service_unavailable');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Not reported revoked, and not revoked: every instance still agrees with PostgreSQL.
    const { rows } = await env.db.query(`SELECT revoked_at FROM sessions WHERE id = $1`, [sessionId]);
    expect(rows[0].revoked_at).toBeNull();
    expect(tally(await checkEverywhere(instances, accessToken))).toEqual({ '200': 10 });

    await admin.call('REPLICAOF', 'NO', 'ONE');
    expect((await instances[1].http.delete('/v1/sessions/current', { token: accessToken })).status).toBe(204);
    expect(tally(await checkEverywhere(instances, accessToken))).toEqual({ '401 session_revoked': 10 });
  });
});
