import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface TwilioRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

type Reply = { status: number; body: Record<string, unknown> };

/**
 * A local HTTP server speaking Twilio's Programmable Messaging API: it records every request and
 * answers 201 with a message sid, or what the test scripted (outages, a bad number).
 */
export class FakeTwilio {
  readonly requests: TwilioRequest[] = [];
  private readonly script: Reply[] = [];
  private server: Server | null = null;
  url = '';
  /** Milliseconds each answer takes, like a real provider. */
  latencyMs = 0;
  private stalls = 0;
  private readonly stalled: Array<() => void> = [];

  async start(): Promise<this> {
    this.server = createServer(
      (request, response) =>
        void this.handle(request).then((reply) => {
          response.writeHead(reply.status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(reply.body));
        }),
    );
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next `times` requests get this answer instead of success. */
  fail(times: number, status: number, code = status === 400 ? 21211 : 20500): void {
    for (let index = 0; index < times; index += 1) {
      this.script.push({
        status,
        body: { code, message: status === 400 ? "The 'To' number is not a valid phone number." : 'Service unavailable', status },
      });
    }
  }

  /** The next `times` requests get no answer at all, until close(): a provider that hangs. */
  stall(times: number): void {
    this.stalls += times;
  }

  /** Messages Twilio accepted (201), in order. */
  get delivered(): TwilioRequest[] {
    return this.requests.filter((request) => (request as TwilioRequest & { accepted?: boolean }).accepted);
  }

  /** The code in the newest accepted message to a number. */
  lastCodeTo(phoneNumber: string): string {
    const message = [...this.delivered].reverse().find((request) => request.form.To === phoneNumber);
    const code = message?.form.Body?.match(/code is (\d{6})/)?.[1];
    if (!code) throw new Error(`no code was texted to ${phoneNumber}`);
    return code;
  }

  async close(): Promise<void> {
    for (const answer of this.stalled.splice(0)) answer();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage): Promise<Reply> {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const recorded: TwilioRequest & { accepted?: boolean } = {
      method: request.method ?? '',
      path: request.url ?? '',
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
      form: Object.fromEntries(new URLSearchParams(raw)),
    };
    this.requests.push(recorded);
    if (this.stalls > 0) {
      this.stalls -= 1;
      await new Promise<void>((resolve) => this.stalled.push(resolve));
      return { status: 503, body: { code: 20500, message: 'Service unavailable', status: 503 } };
    }
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const scripted = this.script.shift();
    if (scripted) return scripted;
    recorded.accepted = true;
    return { status: 201, body: { sid: `SM${String(this.requests.length).padStart(32, '0')}`, status: 'queued', to: recorded.form.To } };
  }
}

/** Polls until `check` stops throwing (or times out): for work the worker does in the background. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/**
 * A fake Twilio and a worker that sends through it, for every test of a file; what it recorded is
 * cleared before each test. Call inside a describe block, after useTestEnvironment.
 */
export function useFakeTwilio(startWorker: (twilioUrl: string) => Promise<unknown>): FakeTwilio {
  const twilio = new FakeTwilio();
  beforeAll(async () => {
    await twilio.start();
    await startWorker(twilio.url);
  });
  afterAll(() => twilio.close());
  beforeEach(() => twilio.requests.splice(0));
  return twilio;
}
