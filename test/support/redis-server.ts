import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether something accepts connections on the port now. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether the process has not exited yet: killed by a signal, it has a signalCode and no exitCode. */
function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/**
 * A real redis-server of the test's own, on a port of its own, for tests that make Redis misbehave
 * (out of memory, read-only) or go away, without touching the Redis every other test shares. `stop()` kills
 * it (its data is gone, as no snapshot is kept); `start()` again brings it back empty on the same port.
 */
export class RedisServer {
  private child: ChildProcess | null = null;
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (this.child && running(this.child)) return this;
    this.port ||= await freePort();
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    this.child = child;
    // Wait with plain sockets: an ioredis client that met a refused connection keeps a timer alive.
    for (let attempt = 0; !(await accepts(this.port)); attempt += 1) {
      if (attempt > 250 || !running(child)) throw new Error(`redis-server did not start on port ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this;
  }

  client(): Redis {
    return new Redis(this.url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: false });
  }

  async stop(): Promise<void> {
    if (!this.child || !running(this.child)) return;
    const exited = new Promise((resolve) => this.child!.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}
