import Redis from 'ioredis';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  answers,
  detectMachine,
  endpointOf,
  ensureServices,
  installMessage,
  Machine,
  planService,
  SERVICES,
  Service,
} from '../../scripts/services.mjs';
import { freePort } from '../support/redis-server';

const [POSTGRES, REDIS] = SERVICES as [Service, Service];
const LOCAL = { host: '127.0.0.1', port: 6379, local: true };

function machine(facts: Partial<Machine>): Machine {
  return { kind: 'debian', root: true, programs: [], brewFormulas: [], postgresCluster: undefined, ...facts };
}

function plan(service: Service, facts: Partial<Machine>, answering = false) {
  return planService(service, { endpoint: { ...LOCAL, port: service.defaultPort }, answering, machine: machine(facts) });
}

/** `npm run demo -- --check-services`, as a person runs it: its output and exit status. */
function checkServices(env: Record<string, string>) {
  const demo = join(__dirname, '..', '..', 'scripts', 'demo.mjs');
  const run = spawnSync(process.execPath, [demo, '--check-services'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('npm run demo: PostgreSQL and Redis before anything is built', () => {
  it('looks for each service where DATABASE_URL and REDIS_URL say, and on 127.0.0.1 by default', () => {
    expect(endpointOf(POSTGRES, {})).toEqual({ host: '127.0.0.1', port: 5432, local: true });
    expect(endpointOf(REDIS, { REDIS_URL: 'redis://localhost:6380' })).toEqual({ host: 'localhost', port: 6380, local: true });
    expect(endpointOf(REDIS, { REDIS_URL: 'redis://[::1]' })).toEqual({ host: '::1', port: 6379, local: true });
    expect(endpointOf(POSTGRES, { DATABASE_URL: 'postgres://app@db.internal:6432/sitepass' })).toEqual({
      host: 'db.internal',
      port: 6432,
      local: false,
    });
  });

  it('leaves a service that answers alone, and starts a stopped one on Debian as .ci/run does', () => {
    const debian = { programs: ['pg_ctlcluster', 'redis-server', 'sudo'], postgresCluster: '16' };
    expect(plan(POSTGRES, debian, true)).toEqual({ action: 'none' });
    expect(plan(POSTGRES, debian)).toEqual({
      action: 'start',
      command: ['pg_ctlcluster', '--skip-systemctl-redirect', '16', 'main', 'start'],
    });
    expect(plan(POSTGRES, { ...debian, root: false })).toEqual({
      action: 'start',
      command: ['sudo', 'pg_ctlcluster', '--skip-systemctl-redirect', '16', 'main', 'start'],
    });
    expect(plan(REDIS, { ...debian, root: false })).toEqual({
      action: 'start',
      command: ['redis-server', '--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', '6379', '--save', '', '--appendonly', 'no'],
    });
  });

  it('starts the newest Homebrew formula of each on macOS', () => {
    const macos = {
      kind: 'macos' as const,
      programs: ['brew'],
      brewFormulas: ['node', 'postgresql@9.6', 'postgresql@16', 'redis', 'postgresql@14'],
    };
    expect(plan(POSTGRES, macos)).toEqual({ action: 'start', command: ['brew', 'services', 'start', 'postgresql@16'] });
    expect(plan(REDIS, macos)).toEqual({ action: 'start', command: ['brew', 'services', 'start', 'redis'] });
  });

  it('asks for the one install command of what is missing, on Debian and Ubuntu, macOS or elsewhere', () => {
    expect(plan(POSTGRES, { programs: ['redis-server'], postgresCluster: undefined })).toEqual({ action: 'install' });
    expect(plan(REDIS, { kind: 'macos', brewFormulas: ['postgresql@16'] })).toEqual({ action: 'install' });
    const missing = [POSTGRES, REDIS].map((service) => ({ ...service, endpoint: { ...LOCAL, port: service.defaultPort } }));
    expect(installMessage(missing, machine({}))).toBe(
      'PostgreSQL and Redis are not installed. Install them with:\n\n    sudo apt-get install -y postgresql redis-server\n\nthen run npm run demo again: it starts them.',
    );
    expect(installMessage(missing, machine({ kind: 'macos' }))).toContain('\n    brew install postgresql@16 redis\n');
    expect(installMessage(missing.slice(1), machine({}))).toContain(
      'Redis is not installed. Install it with:\n\n    sudo apt-get install -y redis-server\n',
    );
    expect(installMessage(missing, machine({ kind: 'other' }))).toBe(
      'PostgreSQL and Redis must answer on 127.0.0.1:5432 and 127.0.0.1:6379: install and start them, then run npm run demo again.',
    );
  });

  it('never starts a service on another host: it stops and names the variable', () => {
    const endpoint = { host: 'db.internal', port: 5432, local: false };
    const everything = machine({ programs: ['pg_ctlcluster'], postgresCluster: '16' });
    expect(planService(POSTGRES, { endpoint, answering: false, machine: everything })).toEqual({
      action: 'fail',
      message: 'PostgreSQL on db.internal:5432 does not answer. Start it there, or unset DATABASE_URL.',
    });
  });

  it('--check-services only reports: what answers, what it would start, what to install; status 1 unless all answer', async () => {
    expect(checkServices({})).toEqual({
      status: 0,
      output: 'PostgreSQL on 127.0.0.1:5432: answers\nRedis on 127.0.0.1:6379: answers\n',
    });
    const port = await freePort();
    const stopped = checkServices({ REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(stopped.status).toBe(1);
    const [postgres, redis] = stopped.output.split('\n');
    expect(postgres).toBe('PostgreSQL on 127.0.0.1:5432: answers');
    expect(redis).toMatch(
      new RegExp(`^Redis on 127\\.0\\.0\\.1:${port}: does not answer; the demo would start it: (redis-server|brew services start redis)`),
    );
    expect(await answers({ host: '127.0.0.1', port })).toBe(false);
    // Nothing of either on PATH: the install command, no stack trace.
    const missing = checkServices({
      PATH: '/nonexistent',
      REDIS_URL: `redis://127.0.0.1:${port}`,
      DATABASE_URL: `postgres://x@127.0.0.1:${port}/x`,
    });
    expect(missing.status).toBe(1);
    expect(missing.output).toMatch(/^PostgreSQL and Redis (are not installed|must answer)/);
    expect(missing.output).not.toMatch(/\n\s+at /);
  });

  // Starting a Redis of its own on a free port: Debian's start command, the one CI's machines run.
  (detectMachine().kind === 'debian' ? it : it.skip)(
    'starts an installed Redis that does not answer, and waits until it does',
    async () => {
      const url = `redis://127.0.0.1:${await freePort()}`;
      const lines: string[] = [];
      await ensureServices({ PATH: process.env.PATH, REDIS_URL: url }, (line) => lines.push(line));
      const redis = new Redis(url);
      try {
        expect(lines).toEqual([expect.stringMatching(/^Starting Redis: redis-server --daemonize yes .* --save "" --appendonly no$/)]);
        expect(await redis.ping()).toBe('PONG');
      } finally {
        redis.disconnect();
        // The demo's Redis outlives the demo, as .ci/run's does; this one is the test's to stop.
        spawnSync('redis-cli', ['-u', url, 'shutdown', 'nosave']);
      }
    },
  );
});
