import { createUser, signIn } from '../support/factories';
import { eventually, FakeTwilio } from '../support/fake-twilio';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { twilioWorkerEnv } from '../support/mfa';
import { RedisCluster, RedisSentinelGroup, RedisServer } from '../support/redis-server';
import { testRedisPrefix } from '../support/test-config';

/**
 * REL-3: the standard app and the worker on a Redis Cluster and on a Sentinel group that the test starts from
 * redis-server on ports of its own. One pass of `everyRedisUse` goes through each thing Sitepass keeps in
 * Redis: the sign-in limiter's script, the SMS quota's script and BullMQ's queue (the code reaches the fake
 * Twilio through the worker), the revocation set, and the readiness probe.
 */
describe('REL-3 Redis topologies', () => {
  const env = useTestEnvironment();
  const twilio = new FakeTwilio();
  /** Two failed passwords spend an account's budget, so the limiter's refusal shows in three requests. */
  const limits = { LOGIN_MAX_FAILURES_PER_ACCOUNT: '2' };

  beforeAll(() => twilio.start());
  afterAll(() => twilio.close());

  async function start(redisEnv: Record<string, string | undefined>): Promise<{ app: RunningApp; worker: RunningApp }> {
    const [app, worker] = await Promise.all([
      env.start('standard', { ...redisEnv, ...limits }),
      env.start('worker', { ...twilioWorkerEnv(twilio.url), ...redisEnv }),
    ]);
    return { app, worker };
  }

  async function everyRedisUse(app: RunningApp, worker: RunningApp, phoneNumber: string): Promise<void> {
    for (const running of [app, worker]) expect((await running.http.get('/health/ready')).body.checks.redis).toBe('up');

    const guessed = await createUser(app);
    expect((await signIn(app, guessed.email, 'wrong 1')).status).toBe(401);
    expect((await signIn(app, guessed.email, 'wrong 2')).status).toBe(401);
    expect((await signIn(app, guessed.email)).body.code).toBe('too_many_attempts');

    const user = await createUser(app, { alwaysRequireMfa: true });
    const { mfaToken } = (await signIn(app, user.email)).body;
    const started = await app.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber }, { token: mfaToken });
    expect(started.status).toBe(202);
    const code = await eventually(() => twilio.lastCodeTo(phoneNumber));
    const confirmed = await app.http.post(`/v1/enrollments/${started.body.enrollmentId}/confirm`, { code }, { token: mfaToken });
    expect(confirmed.status).toBe(200);

    const { accessToken } = confirmed.body;
    expect((await app.http.get('/v1/sessions/current', { token: accessToken })).status).toBe(200);
    expect((await app.http.delete('/v1/sessions/current', { token: accessToken })).status).toBe(204);
    const refused = await app.http.get('/v1/sessions/current', { token: accessToken });
    expect([refused.status, refused.body.code]).toEqual([401, 'session_revoked']);
  }

  /** How many keys of this run's prefix match each pattern on one server. */
  async function keysOn(server: RedisServer, patterns: string[]): Promise<number[]> {
    return Promise.all(
      patterns.map(async (pattern) => ((await server.command('KEYS', `${testRedisPrefix()}:${pattern}`)) as string[]).length),
    );
  }

  describe('on a 3-master Redis Cluster', () => {
    const cluster = new RedisCluster(3);
    beforeAll(() => cluster.start());
    afterAll(() => cluster.stop());

    it('REL-3 sign-in limits, an SMS through BullMQ and a revocation work, and every key lands on the one slot of the prefix', async () => {
      const { app, worker } = await start(cluster.env);
      await everyRedisUse(app, worker, '+14155550131');

      const prefix = testRedisPrefix();
      const home = await cluster.nodeOf(prefix);
      const keysByNode = await cluster.keysByNode();
      for (const [node, keys] of keysByNode) if (node !== home) expect(keys).toEqual([]);
      const keys = keysByNode.get(home)!;
      expect(keys.filter((key) => !key.startsWith(`${prefix}:`))).toEqual([]);
      // The limiter's, the SMS quota's, the revocation set's, and BullMQ's own for the sms queue.
      for (const kind of ['rl:login-failures:', 'sms:cooldown:', 'sms:user:', 'revoked-session:', 'revocations:complete', 'sms:meta']) {
        expect(keys.filter((key) => key.startsWith(`${prefix}:${kind}`))).not.toEqual([]);
      }
    });
  });

  describe('on a Sentinel group', () => {
    const group = new RedisSentinelGroup();
    beforeAll(() => group.start());
    afterAll(() => group.stop());

    it('REL-3 the app and the worker work through the sentinels, and carry on with the promoted replica within 10 s of the master being killed', async () => {
      const { app, worker } = await start(group.env);
      await everyRedisUse(app, worker, '+14155550132');
      expect(await group.currentMaster()).toBe(group.master.address);
      // The app's revocation and the worker's queue are on the group's master, not on any other Redis.
      expect(await keysOn(group.master, ['revoked-session:*', 'sms:meta'])).toEqual([1, 1]);

      const probe = await createUser(app);
      await group.master.stop();
      const killedAt = Date.now();
      await eventually(async () => expect((await signIn(app, probe.email)).status).toBe(200), 15_000);
      const recoveredMs = Date.now() - killedAt;
      expect(await group.currentMaster()).toBe(group.replica!.address);
      expect(recoveredMs).toBeLessThan(10_000);

      await everyRedisUse(app, worker, '+14155550133');
      expect(await keysOn(group.replica!, ['revoked-session:*', 'sms:meta'])).toEqual([2, 1]);
    });
  });
});
