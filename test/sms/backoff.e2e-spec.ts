import { randomUUID } from 'node:crypto';
import { DomainError, SmsGate } from '@sitepass/auth';
import { createUser, signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';

/** What the gate answered one SMS: 'sent', or the refusal's code and wait. */
async function ask(gate: SmsGate, userId: string, phoneNumber: string): Promise<string> {
  try {
    await gate.admit({ userId, phoneNumber, country: 'US', ip: null });
    return 'sent';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return `${error.code} ${error.retryAfterSeconds}`;
  }
}

let numbers = 0;
/** A different number each time, so that only the user's backoff is in play, never a number's cooldown. */
const nextNumber = () => `+1212555${String((numbers += 1)).padStart(4, '0')}`;

describe('SMS-11 per-user backoff', () => {
  const env = useTestEnvironment();

  async function smsEnrollment(app: RunningApp) {
    const user = await createUser(app, { alwaysRequireMfa: true });
    const { mfaToken } = (await signIn(app, user.email)).body;
    const started = await app.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber: '+14155550701' }, { token: mfaToken });
    expect(started.status).toBe(202);
    const resend = (app: RunningApp) =>
      app.http.post(`/v1/enrollments/${started.body.enrollmentId}/resend`, undefined, { token: mfaToken });
    return { resend };
  }

  it('SMS-11 a fourth code within 10 minutes waits a minute after the third, and the fifth two minutes, on any instance', async () => {
    const [first, second] = [await env.standard(), await env.start('standard')];
    const { resend } = await smsEnrollment(first);
    env.clock.advance(30);
    expect((await resend(second)).status).toBe(202);
    env.clock.advance(30);
    expect((await resend(first)).status).toBe(202);
    env.clock.advance(30);
    const fourth = await resend(second);
    expect(fourth.status).toBe(429);
    expect(fourth.body).toMatchObject({ code: 'resend_too_soon', retryAfterSeconds: 30 });
    expect(fourth.body.message).toBe('Several codes were sent to you in a short time. Wait 30 seconds before asking for another.');
    expect(fourth.headers.get('retry-after')).toBe('30');
    env.clock.advance(30);
    expect((await resend(first)).status).toBe(202);
    env.clock.advance(60);
    const fifth = await resend(second);
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toBe('60');
    env.clock.advance(60);
    expect((await resend(second)).status).toBe(202);
  });

  it('SMS-11 ten SMS asked at once on two instances once the backoff runs: one is sent', async () => {
    const instances = [await env.standard(), await env.start('standard')];
    const userId = (await createUser(instances[0]!)).id;
    for (let index = 0; index < 3; index += 1) expect(await ask(instances[0]!.get(SmsGate), userId, nextNumber())).toBe('sent');
    env.clock.advance(60);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) => ask(instances[index % 2]!.get(SmsGate), userId, nextNumber())),
    );
    expect(answers.filter((answer) => answer === 'sent')).toHaveLength(1);
    expect(answers.filter((answer) => answer === 'resend_too_soon 120')).toHaveLength(9);
  });

  it('SMS-11 each wait doubles up to 32 minutes, and an hour without SMS forgets it', async () => {
    const gate = (await env.standard()).get(SmsGate);
    const userId = randomUUID();
    // Late in the hour, so that SMS-5's 5 an hour (a fixed window) is not what refuses.
    env.clock.set('2026-03-02T09:55:00.000Z');
    expect(await ask(gate, userId, nextNumber())).toBe('sent');
    env.clock.advance(30);
    expect(await ask(gate, userId, nextNumber())).toBe('sent');
    env.clock.advance(30);
    expect(await ask(gate, userId, nextNumber())).toBe('sent');
    for (const waitMinutes of [1, 2, 4, 8, 16, 32, 32]) {
      env.clock.advance(waitMinutes * 60 - 1);
      expect(await ask(gate, userId, nextNumber())).toBe('resend_too_soon 1');
      env.clock.advance(1);
      expect(await ask(gate, userId, nextNumber())).toBe('sent');
    }
    env.clock.advance(60 * 60);
    for (let index = 0; index < 3; index += 1) {
      expect(await ask(gate, userId, nextNumber())).toBe('sent');
      env.clock.advance(30);
    }
    expect(await ask(gate, userId, nextNumber())).toBe('resend_too_soon 30');
  });

  it('SMS-11 SMS-5 refusals count nothing: a refused SMS neither spends a quota nor lengthens the wait', async () => {
    const instances = [await env.standard(), await env.start('standard')];
    const userId = randomUUID();
    for (let index = 0; index < 3; index += 1) expect(await ask(instances[0]!.get(SmsGate), userId, nextNumber())).toBe('sent');
    const refused = await Promise.all(
      Array.from({ length: 20 }, (_, index) => ask(instances[index % 2]!.get(SmsGate), userId, nextNumber())),
    );
    expect(new Set(refused)).toEqual(new Set(['resend_too_soon 60']));
    env.clock.advance(60);
    expect(await ask(instances[1]!.get(SmsGate), userId, nextNumber())).toBe('sent');
  });
});
