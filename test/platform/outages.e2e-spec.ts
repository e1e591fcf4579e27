import { createServer, Server, Socket } from 'node:net';
import { createUser, signIn } from '../support/factories';
import { eventually, FakeTwilio } from '../support/fake-twilio';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { ApiResponse } from '../support/http-client';
import { createEnrolledUser, paths, twilioWorkerEnv } from '../support/mfa';
import { PostgresServer } from '../support/postgres-server';
import { RedisServer } from '../support/redis-server';

/** REL-2's bound on an answer while a dependency is down, measured on the wall clock since it is the requirement. */
const FAIL_FAST_MS = 2000;
/** How long the apps may take to serve again once the dependency is back, without a restart. */
const RECOVERY_MS = 10_000;

/** The answer and how long it took. */
async function timed<T>(request: () => Promise<ApiResponse<T>>): Promise<ApiResponse<T> & { elapsedMs: number }> {
  const started = Date.now();
  const response = await request();
  return { ...response, elapsedMs: Date.now() - started };
}

/** A fast `503 service_unavailable` with Retry-After: what REL-2 asks of a request that needs what is down. */
async function expectFailFast(request: () => Promise<ApiResponse>): Promise<void> {
  const answer = await timed(request);
  expect({ status: answer.status, code: answer.body?.code, retryAfter: answer.headers.get('retry-after') }).toEqual({
    status: 503,
    code: 'service_unavailable',
    retryAfter: '5',
  });
  expect(answer.elapsedMs).toBeLessThan(FAIL_FAST_MS);
}

/** The request keeps failing fast for as long as the outage lasts, here at least `ms` of it. */
async function expectFailingFastFor(ms: number, request: () => Promise<ApiResponse>): Promise<number> {
  const until = Date.now() + ms;
  let tries = 0;
  for (; Date.now() < until; tries += 1) await expectFailFast(request);
  return tries;
}

/** A request that does not need what is down is served as usual, as fast. */
async function expectServed(request: () => Promise<ApiResponse>, status = 200): Promise<ApiResponse> {
  const answer = await timed(request);
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code: undefined });
  expect(answer.elapsedMs).toBeLessThan(FAIL_FAST_MS);
  return answer;
}

/** Readiness red (the named dependency down), within the bound; liveness green. */
async function expectNotReady(app: RunningApp, checks: Record<string, 'up' | 'down'>): Promise<void> {
  const ready = await timed(() => app.http.get('/health/ready'));
  expect({ status: ready.status, body: ready.body }).toEqual({ status: 503, body: { status: 'not_ready', checks } });
  expect(ready.elapsedMs).toBeLessThan(FAIL_FAST_MS);
  expect((await app.http.get('/health/live')).status).toBe(200);
}

/**
 * A user halfway through an MFA sign-in (challenge open) and another one signed in, and the requests each
 * outage is tried with: a password sign-in (PostgreSQL and Redis: the limits), the TOTP verification
 * (PostgreSQL only: its attempt budget and replay guard are rows), the factor summary (both: the token's
 * revocation check, then rows) and the current session (Redis only: the revocation check).
 */
async function usersMidFlight(app: RunningApp, env: ReturnType<typeof useTestEnvironment>) {
  const enrolled = await createEnrolledUser(app, env.clock);
  const first = await signIn(app, enrolled.email);
  const factorId = first.body.factors.find((factor: { type: string }) => factor.type === 'totp').id;
  const challenge = await app.http.post(paths(app).challenges, { factorId }, { token: first.body.mfaToken });
  expect(challenge.status).toBe(201);
  const plain = await createUser(app);
  const { accessToken } = (await signIn(app, plain.email)).body;
  return {
    signIn: () => signIn(app, plain.email),
    verify: () =>
      app.http.post(
        `${paths(app).challenges}/${challenge.body.challengeId}/verify`,
        { code: enrolled.app.code() },
        { token: first.body.mfaToken },
      ),
    factors: () => app.http.get('/v1/me/mfa', { token: accessToken }),
    currentSession: () => app.http.get('/v1/sessions/current', { token: accessToken }),
  };
}

/** A TCP server that accepts connections and never answers: a host that is there but does not serve. */
async function silentServer(port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('REL-2 outages of PostgreSQL and Redis', () => {
  const env = useTestEnvironment();
  let postgres: PostgresServer;
  let twilio: FakeTwilio;

  beforeAll(async () => {
    postgres = await new PostgresServer().create();
  });
  afterAll(() => postgres.destroy());
  beforeEach(async () => {
    twilio = await new FakeTwilio().start();
  });
  afterEach(async () => {
    await postgres.start();
    await twilio.close();
  });

  /** A text to a phone being enrolled: accepted (202) once PostgreSQL holds its outbox row. */
  async function requestSmsCode(app: RunningApp, phoneNumber: string) {
    const user = await createUser(app, { alwaysRequireMfa: true });
    const { mfaToken } = (await signIn(app, user.email)).body;
    const enrollment = await app.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber }, { token: mfaToken });
    expect(enrollment.status).toBe(202);
    return { mfaToken, enrollmentId: enrollment.body.enrollmentId as string };
  }

  it('REL-2 with PostgreSQL stopped, sign-in, TOTP verification and token-checked reads answer 503 service_unavailable with Retry-After within 2 s; readiness is red, liveness green; all recover without a restart', async () => {
    const app = await env.start('standard', { DATABASE_URL: postgres.url, LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
    // The relay sweeps once a minute here: only its LISTEN connection, back after the outage, sends at once.
    const worker = await env.start('worker', { DATABASE_URL: postgres.url, ...twilioWorkerEnv(twilio.url, { OUTBOX_POLL_MS: '60000' }) });
    const requests = await usersMidFlight(app, env);

    await postgres.stop();
    // A client retrying through the outage: none of its tries checked a password, so none counts against
    // the account's 3 failures, and the first sign-in after the outage works.
    expect(await expectFailingFastFor(1500, requests.signIn)).toBeGreaterThan(3);
    await expectFailFast(requests.verify);
    await expectFailFast(requests.factors);
    // An access token is checked against Redis alone: reads that need nothing else are still served.
    await expectServed(requests.currentSession);
    await expectNotReady(app, { postgres: 'down', redis: 'up' });
    await expectNotReady(worker, { postgres: 'down', redis: 'up' });

    await postgres.start();
    const restarted = Date.now();
    await eventually(async () => expect((await requests.signIn()).status).toBe(200), RECOVERY_MS);
    expect((await requests.verify()).body).toMatchObject({ status: 'authenticated' });
    expect((await requests.factors()).status).toBe(200);
    expect((await app.http.get('/health/ready')).status).toBe(200);
    expect((await worker.http.get('/health/ready')).status).toBe(200);
    // Accepted as soon as PostgreSQL is back, perhaps before the relay listens again: sent either way.
    await requestSmsCode(app, '+14155550170');
    await eventually(() => expect(twilio.delivered).toHaveLength(1), RECOVERY_MS);
    expect(Date.now() - restarted).toBeLessThan(RECOVERY_MS);
  });

  it('REL-2 a PostgreSQL host that accepts connections and never answers fails requests within 2 s too', async () => {
    const app = await env.start('standard', { DATABASE_URL: postgres.url });
    const requests = await usersMidFlight(app, env);
    await postgres.stop();
    const silent = await silentServer(postgres.port);
    try {
      await expectFailFast(requests.signIn);
      await expectFailFast(requests.factors);
      await expectNotReady(app, { postgres: 'down', redis: 'up' });
    } finally {
      await silent.close();
    }
    await postgres.start();
    await eventually(async () => expect((await requests.signIn()).status).toBe(200), RECOVERY_MS);
  });

  describe('Redis', () => {
    let redis: RedisServer;

    beforeEach(async () => {
      redis = await new RedisServer().start();
    });
    // A worker closes only with its queues reachable: bring Redis back before the harness closes the apps.
    afterEach(async () => {
      await redis.start();
      await env.endTest();
      await redis.stop();
    });

    it('REL-2 SMS-3 with Redis stopped, sign-in and token checks answer 503 with Retry-After within 2 s; readiness is red, liveness green; all recover, and an SMS accepted before is delivered once', async () => {
      const app = await env.start('standard', { REDIS_URL: redis.url });
      const worker = await env.start('worker', { REDIS_URL: redis.url, ...twilioWorkerEnv(twilio.url, { SMS_BACKOFF_MS: '60000' }) });
      const requests = await usersMidFlight(app, env);
      // An accepted SMS whose job waits in Redis for its retry when Redis goes, taking the job with it.
      twilio.fail(1, 503);
      const { mfaToken, enrollmentId } = await requestSmsCode(app, '+14155550171');
      await eventually(() => expect(twilio.requests).toHaveLength(1));
      const smsRows = async () => (await env.db.query(`SELECT status FROM outbox WHERE kind = 'sms'`)).rows;

      await redis.stop();
      await expectFailFast(requests.signIn);
      await expectFailFast(requests.factors);
      await expectFailFast(requests.currentSession);
      // The TOTP step keeps its attempts and used codes in PostgreSQL: it needs no Redis, and goes on.
      expect((await expectServed(requests.verify)).body).toMatchObject({ status: 'authenticated' });
      // Nothing is accepted that could be lost: a new code is refused, and no message is written for it.
      env.clock.advance(30);
      await expectFailFast(() => app.http.post(`/v1/enrollments/${enrollmentId}/resend`, undefined, { token: mfaToken }));
      expect(await smsRows()).toHaveLength(1);
      await expectNotReady(app, { postgres: 'up', redis: 'down' });
      await expectNotReady(worker, { postgres: 'up', redis: 'down' });

      await redis.start();
      const restarted = Date.now();
      await eventually(async () => expect((await requests.signIn()).status).toBe(200), RECOVERY_MS);
      expect((await requests.factors()).status).toBe(200);
      expect((await requests.currentSession()).status).toBe(200);
      expect((await app.http.get('/health/ready')).status).toBe(200);
      await eventually(async () => expect((await worker.http.get('/health/ready')).status).toBe(200), RECOVERY_MS);
      // Redis came back empty: the relay enqueues the unfinished message again once it is overdue.
      env.clock.advance(61);
      await eventually(() => expect(twilio.delivered).toHaveLength(1), RECOVERY_MS);
      expect(Date.now() - restarted).toBeLessThan(RECOVERY_MS);
      await eventually(async () => expect(await smsRows()).toEqual([{ status: 'sent' }]));
      expect(twilio.delivered[0]!.form.To).toBe('+14155550171');
    });

    it('REL-2 a Redis that holds every command (CLIENT PAUSE) fails requests within 2 s too, and they succeed once it answers again', async () => {
      const app = await env.start('standard', { REDIS_URL: redis.url });
      const requests = await usersMidFlight(app, env);
      const admin = redis.client();
      try {
        // Connections stay open and every command waits for 3.5 s: each check gives up after 1 s.
        await admin.call('CLIENT', 'PAUSE', '3500', 'ALL');
        await expectFailFast(requests.signIn);
        await expectNotReady(app, { postgres: 'up', redis: 'down' });
      } finally {
        admin.disconnect();
      }
      await eventually(async () => expect((await requests.signIn()).status).toBe(200), RECOVERY_MS);
      expect((await requests.currentSession()).status).toBe(200);
    });
  });
});
