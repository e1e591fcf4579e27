import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppKind } from './harness';
import { HttpClient } from './http-client';
import { freePort } from './redis-server';
import { EnvOverrides, testEnvironmentVariables } from './test-config';

const ROOT = join(__dirname, '..', '..');
const ENTRY_POINTS: Record<AppKind, string> = {
  standard: 'apps/standard-mfa/src/main.ts',
  pay: 'apps/pay-mfa/src/main.ts',
  worker: 'apps/worker/src/main.ts',
};

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Date.now() when the process ended. */
  at: number;
}

/**
 * An app as production runs it: its own main.ts in a Node process of its own (compiled as Jest compiles
 * it, by test/support/run-typescript.mjs), configured through the environment like the apps the harness
 * starts, for tests that signal a real process (REL-6). It runs on the real clock.
 */
export class AppProcess {
  readonly http: HttpClient;
  readonly exited: Promise<Exit>;
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.http = new HttpClient(`http://127.0.0.1:${port}`);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(kind: AppKind, overrides: EnvOverrides = {}): Promise<AppProcess> {
    const port = await freePort();
    const variables = { ...process.env, ...testEnvironmentVariables(overrides), PORT: String(port) };
    const env = Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'test/support/run-typescript.mjs', ENTRY_POINTS[kind]],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const app = new AppProcess(child, port);
    await app.untilLive();
    return app;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the process wrote to stdout and stderr: its JSON log lines. */
  get log(): string {
    return this.output;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Ends the process at once if it still runs (a test's cleanup). */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  private async untilLive(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (!this.running) throw new Error(`the app exited while starting:\n${this.output}`);
      const live = await this.http.get('/health/live').catch(() => null);
      if (live?.status === 200) return;
      if (Date.now() > deadline) throw new Error(`the app did not start within 30 s:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
