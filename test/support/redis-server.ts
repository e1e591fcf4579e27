import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Polls `check` every 20 ms until it answers true; fails with `what` after `timeoutMs`. For real processes, never for app time. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface RedisServerOptions {
  /** requirepass and masterauth: the password clients and replicas give. */
  password?: string;
  /** More redis-server arguments, e.g. ['--replicaof', '127.0.0.1', '6380']. */
  args?: string[];
}

/**
 * A real redis-server of the test's own, on a port of its own, for tests that make Redis misbehave
 * (out of memory, read-only, killed, gone and back empty on the same port) without touching the Redis every
 * other test shares. It keeps nothing on disk but what it must (a replica's copy of its master, cluster
 * state) in a folder of its own.
 */
export class RedisServer {
  private child: ChildProcess | null = null;
  /** Where the process writes its files; removed when it stops. */
  protected folder = '';
  port = 0;

  constructor(private readonly options: RedisServerOptions = {}) {}

  get url(): string {
    return `redis://${this.options.password ? `:${this.options.password}@` : ''}127.0.0.1:${this.port}`;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts it, or again after stop(): on the same port, empty (nothing is kept on disk). */
  async start(): Promise<this> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return this;
    await this.launch(() => []);
    return this;
  }

  /**
   * Starts redis-server on a free port, with the arguments `extra` gives for the port and the folder, and
   * waits until it accepts connections. A sentinel passes its configuration file and `--sentinel` instead.
   */
  protected async launch(extra: () => string[], sentinel = false): Promise<void> {
    this.port ||= await freePort();
    this.folder = mkdtempSync(join(tmpdir(), 'sitepass-redis-'));
    const password = this.options.password ? ['--requirepass', this.options.password, '--masterauth', this.options.password] : [];
    const args = sentinel
      ? extra()
      : [
          ...['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.folder, '--save', '', '--appendonly', 'no'],
          // A replica is served at once, not after the default 5 s spent waiting for more replicas.
          ...['--repl-diskless-sync-delay', '0'],
          ...password,
          ...extra(),
          ...(this.options.args ?? []),
        ];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    // Wait with plain sockets: an ioredis client that met a refused connection keeps a timer alive.
    await waitFor(`redis-server on port ${this.port}`, () => accepts(this.port), 5000);
  }

  client(): Redis {
    return new Redis(this.url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: false });
  }

  /** Runs one command on a short-lived connection. */
  async command(...args: Array<string | number>): Promise<unknown> {
    const client = this.client();
    try {
      return await client.call(String(args[0]), ...args.slice(1));
    } finally {
      client.disconnect();
    }
  }

  /** Kills the process at once, as a crash does, and removes its folder. */
  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child!.once('exit', resolve));
      this.child.kill('SIGKILL');
      await exited;
    }
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }
}

/** One node of a RedisCluster, with a cluster bus port of its own (not port + 10000, which may be taken). */
class ClusterNode extends RedisServer {
  busPort = 0;

  override async start(): Promise<this> {
    this.busPort = await freePort();
    await this.launch(() => [
      ...['--cluster-enabled', 'yes', '--cluster-port', String(this.busPort)],
      ...['--cluster-config-file', join(this.folder, 'nodes.conf'), '--cluster-node-timeout', '2000'],
    ]);
    return this;
  }
}

const SLOTS = 16384;

/**
 * REL-3: a real Redis Cluster of `masters` masters and no replicas, each on ports of its own, its slots
 * split evenly and assigned by hand (ADDSLOTSRANGE, MEET): quicker than `redis-cli --cluster create`, which
 * waits in whole seconds. Ready once every node reports cluster_state:ok and knows every other (a master
 * reports ok no sooner than 2 s after it started).
 */
export class RedisCluster {
  readonly password = 'cluster-secret';
  readonly nodes: RedisServer[] = [];

  constructor(private readonly masters = 3) {}

  /** REDIS_CLUSTER_NODES and REDIS_PASSWORD for an app. */
  get env(): Record<string, string | undefined> {
    return { REDIS_URL: undefined, REDIS_CLUSTER_NODES: this.nodes.map((node) => node.address).join(','), REDIS_PASSWORD: this.password };
  }

  async start(): Promise<this> {
    try {
      const nodes = Array.from({ length: this.masters }, () => new ClusterNode({ password: this.password }));
      this.nodes.push(...nodes);
      await Promise.all(nodes.map((node) => node.start()));
      const [first] = nodes;
      for (const [index, node] of nodes.entries()) {
        const from = Math.floor((SLOTS * index) / nodes.length);
        const to = Math.floor((SLOTS * (index + 1)) / nodes.length) - 1;
        await node.command('CLUSTER', 'SET-CONFIG-EPOCH', index + 1);
        await node.command('CLUSTER', 'ADDSLOTSRANGE', from, to);
        if (node !== first) await first!.command('CLUSTER', 'MEET', '127.0.0.1', node.port, node.busPort);
      }
      const ready = new RegExp(`cluster_state:ok[\\s\\S]*cluster_known_nodes:${nodes.length}\\b`);
      await waitFor('cluster_state:ok on every node', async () =>
        (await Promise.all(nodes.map((node) => node.command('CLUSTER', 'INFO')))).every((info) => ready.test(String(info))),
      );
    } catch (error) {
      await this.stop();
      throw error;
    }
    return this;
  }

  /** The node serving a key's slot, as the cluster itself answers (CLUSTER KEYSLOT, CLUSTER SLOTS). */
  async nodeOf(key: string): Promise<RedisServer> {
    const slot = Number(await this.nodes[0]!.command('CLUSTER', 'KEYSLOT', key));
    const ranges = (await this.nodes[0]!.command('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number]]>;
    const [, , [, port]] = ranges.find(([from, to]) => from <= slot && slot <= to)!;
    return this.nodes.find((node) => node.port === port)!;
  }

  /** Every key on each node. */
  async keysByNode(): Promise<Map<RedisServer, string[]>> {
    return new Map(await Promise.all(this.nodes.map(async (node) => [node, (await node.command('KEYS', '*')) as string[]] as const)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }
}

/** A sentinel: redis-server in sentinel mode, with a configuration file of its own that it rewrites as it learns. */
class Sentinel extends RedisServer {
  constructor(
    private readonly lines: string[],
    password: string,
  ) {
    super({ password });
  }

  override async start(): Promise<this> {
    await this.launch(() => {
      const file = join(this.folder, 'sentinel.conf');
      writeFileSync(file, [`port ${this.port}`, 'bind 127.0.0.1', `dir ${this.folder}`, ...this.lines, ''].join('\n'));
      return [file, '--sentinel'];
    }, true);
    return this;
  }
}

/**
 * REL-3: a master, a replica and `sentinelCount` sentinels monitoring them, on ports of their own, with
 * timeouts short enough that a killed master is replaced in seconds (down after 1 s). The data nodes and
 * the sentinels each have a password, as in production. Ready once the replica is in sync and every
 * sentinel knows it.
 */
export class RedisSentinelGroup {
  readonly masterName = 'sitepass-test';
  readonly password = 'node-secret';
  readonly sentinelPassword = 'sentinel-secret';
  readonly master = new RedisServer({ password: this.password });
  replica: RedisServer | null = null;
  readonly sentinels: RedisServer[] = [];

  constructor(private readonly sentinelCount = 1) {}

  /** REDIS_SENTINELS and the rest, for an app. */
  get env(): Record<string, string | undefined> {
    return {
      REDIS_URL: undefined,
      REDIS_SENTINELS: this.sentinels.map((sentinel) => sentinel.address).join(','),
      REDIS_SENTINEL_NAME: this.masterName,
      REDIS_SENTINEL_PASSWORD: this.sentinelPassword,
      REDIS_PASSWORD: this.password,
    };
  }

  async start(): Promise<this> {
    try {
      await this.master.start();
      const replica = (this.replica = new RedisServer({
        password: this.password,
        args: ['--replicaof', '127.0.0.1', String(this.master.port)],
      }));
      await replica.start();
      await waitFor('the replica in sync', async () => /master_link_status:up/.test(String(await replica.command('INFO', 'replication'))));
      const lines = [
        `requirepass ${this.sentinelPassword}`,
        `sentinel sentinel-pass ${this.sentinelPassword}`,
        `sentinel monitor ${this.masterName} 127.0.0.1 ${this.master.port} ${Math.floor(this.sentinelCount / 2) + 1}`,
        `sentinel auth-pass ${this.masterName} ${this.password}`,
        `sentinel down-after-milliseconds ${this.masterName} 1000`,
        `sentinel failover-timeout ${this.masterName} 2000`,
      ];
      for (let index = 0; index < this.sentinelCount; index += 1) this.sentinels.push(new Sentinel(lines, this.sentinelPassword));
      await Promise.all(this.sentinels.map((sentinel) => sentinel.start()));
      await waitFor('every sentinel to know the replica', async () => {
        const known = await Promise.all(this.sentinels.map((sentinel) => sentinel.command('SENTINEL', 'REPLICAS', this.masterName)));
        return known.every((replicas) => {
          const text = JSON.stringify(replicas);
          return text.includes(`"port","${replica.port}"`) && !/s_down|disconnected/.test(text);
        });
      });
    } catch (error) {
      await this.stop();
      throw error;
    }
    return this;
  }

  /** The master's address as the first sentinel reports it now: 127.0.0.1:port. */
  async currentMaster(): Promise<string> {
    const [host, port] = (await this.sentinels[0]!.command('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', this.masterName)) as string[];
    return `${host}:${port}`;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sentinels, this.master, ...(this.replica ? [this.replica] : [])].map((server) => server.stop()));
  }
}
