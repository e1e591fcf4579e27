import { request } from 'node:http';
import { connect, Socket } from 'node:net';
import { AppProcess, Exit } from '../support/app-process';
import { createUser, PASSWORD, signIn } from '../support/factories';
import { eventually, FakeTwilio } from '../support/fake-twilio';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { twilioWorkerEnv } from '../support/mfa';
import { accepts } from '../support/redis-server';

/** REL-6's bound, from SIGTERM to the process's exit, measured on the wall clock since it is the requirement. */
const SHUTDOWN_LIMIT_MS = 10_000;

/** What a client saw of one request: a whole answer, or the error its connection ended with. */
interface Outcome {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  error?: string;
  at: number;
}

/** A JSON POST on a connection of its own (no keep-alive): its outcome says exactly what this request met. */
function post(port: number, path: string, body: unknown): Promise<Outcome> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const sent = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve(
            response.complete
              ? { status: response.statusCode, headers: response.headers, body: text, at: Date.now() }
              : { error: 'incomplete answer', at: Date.now() },
          ),
        );
        response.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ error: `answer cut: ${error.code ?? error.message}`, at: Date.now() }),
        );
      },
    );
    sent.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, at: Date.now() }));
    sent.end(payload);
  });
}

/** A connection opened now, whose request is written later: what a client with an open connection does. */
async function openConnection(port: number): Promise<{ send(raw: string): Promise<string> }> {
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  const ended = new Promise<string>((resolve) => {
    socket.once('close', () => resolve(received));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(`${received}[${error.code}]`));
  });
  return {
    send: (raw) => {
      socket.write(raw);
      return ended;
    },
  };
}

const isComplete = (outcome: Outcome) => outcome.status !== undefined;

describe('REL-6 SIGTERM drains a real process', () => {
  const env = useTestEnvironment();
  let twilio: FakeTwilio;
  const processes: AppProcess[] = [];

  async function startProcess(kind: 'standard' | 'worker', overrides: Record<string, string> = {}): Promise<AppProcess> {
    const started = await AppProcess.start(kind, overrides);
    processes.push(started);
    return started;
  }

  async function exitOf(process: AppProcess, signalledAt: number): Promise<Exit & { afterMs: number }> {
    const exit = await process.exited;
    return { ...exit, afterMs: exit.at - signalledAt };
  }

  beforeEach(async () => {
    twilio = await new FakeTwilio().start();
    // The processes run on the real clock: the apps of this test file start from the same instant.
    env.clock.set(new Date());
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((started) => started.kill()));
    await env.endTest();
    await twilio.close();
  });

  /** A phone being enrolled by a user of its own: each is one SMS accepted (202). */
  async function requestCodes(app: RunningApp, numbers: string[]): Promise<void> {
    for (const phoneNumber of numbers) {
      const user = await createUser(app, { alwaysRequireMfa: true });
      const { mfaToken } = (await signIn(app, user.email)).body;
      const started = await app.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber }, { token: mfaToken });
      expect(started.status).toBe(202);
    }
  }

  const smsRows = async () => (await env.db.query(`SELECT status, attempts FROM outbox WHERE kind = 'sms'`)).rows;

  it('REL-6 OPS-3 SIGTERM during a burst of sign-ins: each request in flight is answered in full, new connections are refused, a request on an open connection is answered 503, and the app exits 0 within 10 s', async () => {
    const user = await createUser(await env.standard());
    const credentials = { email: user.email, password: PASSWORD };
    const app = await startProcess('standard', { LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
    const waiting = await openConnection(app.port);

    const burst = Array.from({ length: 50 }, () => post(app.port, '/v1/sessions', credentials));
    await Promise.race(burst);
    const signalledAt = Date.now();
    app.signal('SIGTERM');
    // The app stops accepting connections at once, while the burst is still running: new ones are refused.
    await eventually(async () => expect(await accepts(app.port)).toBe(false), 2000);
    const later = await Promise.all(Array.from({ length: 5 }, () => post(app.port, '/v1/sessions', credentials)));
    // A request on a connection opened before SIGTERM, sent while the app drains: refused, and the connection closed.
    const refused = await waiting.send(
      `POST /v1/sessions HTTP/1.1\r\nHost: sitepass.test\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(JSON.stringify(credentials))}\r\n\r\n${JSON.stringify(credentials)}`,
    );
    const outcomes = await Promise.all(burst);
    const exit = await exitOf(app, signalledAt);

    // Every request of the burst got a whole answer, no reset and no cut body: signed in, or, for one the app had
    // not read yet (still queued in the kernel at SIGTERM), 503 with Retry-After. Many finished after SIGTERM.
    expect(outcomes.filter((outcome) => !isComplete(outcome))).toEqual([]);
    for (const outcome of outcomes) {
      if (outcome.status === 200)
        expect(JSON.parse(outcome.body!)).toMatchObject({ status: 'authenticated', accessToken: expect.any(String) });
      else expect({ status: outcome.status, retryAfter: outcome.headers!['retry-after'] }).toEqual({ status: 503, retryAfter: '1' });
    }
    expect(outcomes.filter((outcome) => outcome.status === 200 && outcome.at > signalledAt).length).toBeGreaterThan(5);
    expect(later.map((outcome) => outcome.error)).toEqual(later.map(() => 'ECONNREFUSED'));
    expect(refused).toMatch(/^HTTP\/1\.1 503 /);
    expect(refused).toMatch(/\r\nConnection: close\r\n/i);
    expect(refused).toMatch(/\r\nRetry-After: 1\r\n/i);
    expect(refused).toContain('"code":"service_unavailable"');
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.afterMs).toBeLessThan(SHUTDOWN_LIMIT_MS);
  });

  it('REL-6 SMS-3 SMS-4 SIGTERM during a burst of SMS jobs: jobs in flight finish, the rest wait for the next worker, each SMS goes once, and the worker exits 0 within 10 s', async () => {
    const numbers = Array.from({ length: 12 }, (_, index) => `+1415555${String(300 + index).padStart(4, '0')}`);
    await requestCodes(await env.standard(), numbers);
    twilio.latencyMs = 200;
    const worker = await startProcess('worker', twilioWorkerEnv(twilio.url, { SMS_CONCURRENCY: '3' }));
    await eventually(() => expect(twilio.delivered.length).toBeGreaterThanOrEqual(1));
    const signalledAt = Date.now();
    worker.signal('SIGTERM');
    const exit = await exitOf(worker, signalledAt);

    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.afterMs).toBeLessThan(SHUTDOWN_LIMIT_MS);
    // Every send the provider received was finished and recorded; nothing is left half sent.
    expect(twilio.requests).toHaveLength(twilio.delivered.length);
    const afterExit = await smsRows();
    expect(afterExit.filter((row) => row.status === 'sent')).toHaveLength(twilio.delivered.length);
    expect(afterExit.filter((row) => row.status !== 'sent').map((row) => row.status)).toEqual(
      numbers.slice(twilio.delivered.length).map(() => 'pending'),
    );
    expect(twilio.delivered.length).toBeLessThan(numbers.length);

    await env.start('worker', twilioWorkerEnv(twilio.url));
    await eventually(() => expect(twilio.delivered).toHaveLength(numbers.length));
    for (const number of numbers) expect(twilio.delivered.filter((sent) => sent.form.To === number)).toHaveLength(1);
    await eventually(async () => expect((await smsRows()).map((row) => row.status)).toEqual(numbers.map(() => 'sent')));
  });

  it('REL-6 a send still waiting on its provider when the drain ends gives its lease back: the worker exits 0 within 10 s, and the next worker delivers it once', async () => {
    await requestCodes(await env.standard(), ['+14155550320']);
    twilio.stall(1);
    const worker = await startProcess('worker', twilioWorkerEnv(twilio.url, { TWILIO_TIMEOUT_MS: '60000' }));
    await eventually(() => expect(twilio.requests).toHaveLength(1));
    const signalledAt = Date.now();
    worker.signal('SIGTERM');
    const exit = await exitOf(worker, signalledAt);

    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.afterMs).toBeLessThan(SHUTDOWN_LIMIT_MS);
    // Given back: pending again at once, the abandoned try not counted against the message's attempts.
    expect(await smsRows()).toEqual([{ status: 'pending', attempts: 0 }]);

    await env.start('worker', twilioWorkerEnv(twilio.url));
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    expect(twilio.delivered[0]!.form.To).toBe('+14155550320');
    await eventually(async () => expect(await smsRows()).toEqual([{ status: 'sent', attempts: 1 }]));
  });
});
