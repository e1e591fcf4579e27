import { CodeJanitor, SmsDeliveryService } from '@sitepass/delivery';
import { createUser, signIn } from '../support/factories';
import { eventually, FakeTwilio } from '../support/fake-twilio';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { twilioWorkerEnv } from '../support/mfa';

describe('SMS delivery through the outbox, BullMQ and the worker', () => {
  const env = useTestEnvironment();
  let twilio: FakeTwilio;

  beforeEach(async () => {
    twilio = await new FakeTwilio().start();
  });
  afterEach(() => twilio.close());

  async function requestCode(app: RunningApp, phoneNumber: string) {
    const user = await createUser(app, { alwaysRequireMfa: true });
    const { mfaToken } = (await signIn(app, user.email)).body;
    const started = await app.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber }, { token: mfaToken });
    expect(started.status).toBe(202);
    return { user, mfaToken, enrollmentId: started.body.enrollmentId as string, challengeId: started.body.sms.challengeId as string };
  }

  const outboxRows = async () => (await env.db.query(`SELECT id, status, attempts, last_error FROM outbox ORDER BY created_at`)).rows;

  it('SMS-3 SMS-4 a provider that fails twice and then succeeds delivers one message', async () => {
    const app = await env.standard();
    const worker = await env.start('worker', twilioWorkerEnv(twilio.url));
    twilio.fail(2, 503);
    await requestCode(app, '+14155550101');
    await eventually(async () => expect((await outboxRows())[0]).toMatchObject({ status: 'sent', attempts: 3 }));
    expect(twilio.requests).toHaveLength(3);
    expect(twilio.delivered).toHaveLength(1);
    const metrics = (await worker.http.get('/metrics')).body as string;
    expect(metrics).toMatch(/sitepass_sms_deliveries_total\{provider="twilio",outcome="retry",status="503",process="worker"\} 2/);
    expect(metrics).toMatch(/sitepass_sms_deliveries_total\{provider="twilio",outcome="sent",status="queued",process="worker"\} 1/);
    expect(metrics).toMatch(/sitepass_sms_delivery_latency_seconds_count\{process="worker"\} 1/);
    expect(metrics).toContain('sitepass_sms_queue_depth');
  });

  it('SMS-6 SMS-3 AUD-1 a provider 4xx fails the delivery at once: audited, counted, visible, and the user can resend', async () => {
    const app = await env.standard();
    const worker = await env.start('worker', twilioWorkerEnv(twilio.url));
    twilio.fail(1, 400);
    const { mfaToken, enrollmentId, challengeId, user } = await requestCode(app, '+14155550102');
    await eventually(async () => expect((await outboxRows())[0]).toMatchObject({ status: 'failed', attempts: 1 }));
    expect(twilio.requests).toHaveLength(1);
    const seen = await app.http.get(`/v1/challenges/${challengeId}`, { token: mfaToken });
    expect(seen.body).toMatchObject({ factorType: 'sms', status: 'pending', delivery: { status: 'failed', failedAt: expect.any(String) } });
    const audit = await env.db.query(`SELECT subject_user_id, data FROM audit_events WHERE type = 'sms.delivery_failed'`);
    expect(audit.rows).toEqual([{ subject_user_id: user.id, data: expect.objectContaining({ providerStatus: '400', attempts: 1 }) }]);
    expect((await worker.http.get('/metrics')).body).toMatch(
      /sitepass_sms_deliveries_total\{provider="twilio",outcome="failed",status="400",process="worker"\} 1/,
    );

    env.clock.advance(30);
    expect((await app.http.post(`/v1/enrollments/${enrollmentId}/resend`, undefined, { token: mfaToken })).status).toBe(202);
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const confirmed = await app.http.post(
      `/v1/enrollments/${enrollmentId}/confirm`,
      { code: twilio.lastCodeTo('+14155550102') },
      { token: mfaToken },
    );
    expect(confirmed.status).toBe(200);
  });

  it('SMS-3 marks the delivery failed after the last try of an outage', async () => {
    const app = await env.standard();
    await env.start('worker', twilioWorkerEnv(twilio.url, { SMS_MAX_ATTEMPTS: '3' }));
    twilio.fail(5, 500);
    await requestCode(app, '+14155550103');
    await eventually(async () => expect((await outboxRows())[0]).toMatchObject({ status: 'failed', attempts: 3 }));
    expect(twilio.requests).toHaveLength(3);
  });

  it('SMS-3 an accepted send waits for a worker that is down and goes out when one starts', async () => {
    const app = await env.standard();
    await requestCode(app, '+14155550104');
    expect((await outboxRows())[0]).toMatchObject({ status: 'pending' });
    await env.start('worker', twilioWorkerEnv(twilio.url));
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
  });

  it('SMS-3 SMS-4 stopping the worker mid-burst and wiping Redis loses nothing and sends nothing twice', async () => {
    const app = await env.standard();
    const numbers = Array.from({ length: 12 }, (_, index) => `+1415555${String(200 + index).padStart(4, '0')}`);
    for (const number of numbers) await requestCode(app, number);
    twilio.latencyMs = 100;
    const first = await env.start('worker', twilioWorkerEnv(twilio.url, { SMS_CONCURRENCY: '2' }));
    await eventually(() => expect(twilio.delivered.length).toBeGreaterThanOrEqual(2));
    await first.close();
    const deliveredBeforeStop = twilio.delivered.length;
    expect(deliveredBeforeStop).toBeLessThan(numbers.length);

    await env.flushRedis();
    await env.start('worker', twilioWorkerEnv(twilio.url));
    // The jobs are gone with Redis; the relay enqueues the unfinished rows again once they are overdue.
    env.clock.advance(61);
    await eventually(() => expect(twilio.delivered).toHaveLength(numbers.length), 15000);
    for (const number of numbers) expect(twilio.delivered.filter((request) => request.form.To === number)).toHaveLength(1);
    await eventually(async () => expect((await outboxRows()).map((row) => row.status)).toEqual(numbers.map(() => 'sent')));
  });

  it('SMS-4 a delivered message is not sent again, even if its job comes back', async () => {
    const app = await env.standard();
    const worker = await env.start('worker', twilioWorkerEnv(twilio.url));
    await requestCode(app, '+14155550105');
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const [row] = await outboxRows();
    await eventually(async () => expect((await outboxRows())[0].status).toBe('sent'));
    await expect(worker.get(SmsDeliveryService).deliver(row.id)).resolves.toBe('skipped');
    expect(twilio.requests).toHaveLength(1);
  });

  it('SEC-1 SMS-3 the job carries the outbox id only', async () => {
    const app = await env.standard();
    twilio.fail(1, 503);
    await env.start('worker', twilioWorkerEnv(twilio.url, { SMS_BACKOFF_MS: '60000' }));
    await requestCode(app, '+14155550106');
    await eventually(() => expect(twilio.requests).toHaveLength(1));
    const [row] = await outboxRows();
    const job = await eventually(async () => {
      const data = await env.redis.hget(`${app.config.queuePrefix}:sms:${row.id}`, 'data');
      expect(data).not.toBeNull();
      return data!;
    });
    expect(JSON.parse(job)).toEqual({ outboxId: row.id });
  });

  it('SMS-2 erases a sealed code that was never delivered once it expires', async () => {
    const app = await env.standard();
    const { challengeId } = await requestCode(app, '+14155550107');
    twilio.fail(10, 400);
    const worker = await env.start('worker', twilioWorkerEnv(twilio.url));
    const sealed = async () =>
      (await env.db.query(`SELECT code_ciphertext FROM challenges WHERE id = $1`, [challengeId])).rows[0].code_ciphertext;
    await eventually(async () => expect((await outboxRows())[0].status).toBe('failed'));
    expect(await sealed()).not.toBeNull();
    await worker.get(CodeJanitor).eraseExpiredCodes();
    expect(await sealed()).not.toBeNull();
    env.clock.advance(10 * 60 + 1);
    await worker.get(CodeJanitor).eraseExpiredCodes();
    expect(await sealed()).toBeNull();
  });
});
