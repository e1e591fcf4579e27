import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onExit, trackChild } from './cleanup.mjs';

// The soak's own PostgreSQL, Redis and gateway (REL-1). It restarts them on purpose, so they are never the
// machine's shared ones (127.0.0.1:5432 and :6379, which tests and other work use): a PostgreSQL cluster of
// its own, managed with Debian's pg_ctlcluster, a redis-server process, and nginx, each on its own port.

/** Runs a command without blocking the event loop: the load goes on while a fault is being made. */
function runAsync(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (errors += chunk));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed: ${errors}`))));
  });
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout || result.error}`);
  return result.stdout;
}

/** Resolves once something accepts TCP connections on the port, or throws after `timeoutMs`. */
export async function waitForPort(port, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Says what to install when a program the soak needs is missing. */
export function requirePrograms(programs) {
  const missing = programs.filter(([program]) => spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0);
  if (missing.length > 0) {
    throw new Error(`the soak needs ${missing.map(([program, pkg]) => `${program} (apt-get install -y ${pkg})`).join(', ')}`);
  }
}

/**
 * A PostgreSQL cluster of the soak's own (`pg_createcluster <version> sitepass-soak`, trust auth on loopback),
 * created on first use and kept for the next run; started for the run and stopped after it.
 */
export class PostgresCluster {
  constructor(port) {
    this.port = port;
    this.version = readdirSync('/etc/postgresql').sort().at(-1);
    this.name = 'sitepass-soak';
  }

  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  async start() {
    const exists = run('pg_lsclusters', ['-h'])
      .split('\n')
      .some((line) => line.split(/\s+/)[1] === this.name);
    if (!exists) run('pg_createcluster', [this.version, this.name, '--port', String(this.port), '--', '--auth=trust']);
    run('pg_ctlcluster', [this.version, this.name, 'start']);
    onExit(() => spawnSync('pg_ctlcluster', [this.version, this.name, 'stop', '-m', 'fast']));
    await waitForPort(this.port);
    run('psql', [
      '-h',
      '127.0.0.1',
      '-p',
      String(this.port),
      '-U',
      'postgres',
      '-qAtc',
      'DROP DATABASE IF EXISTS sitepass_soak WITH (FORCE)',
    ]);
    run('psql', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-qAtc', 'CREATE DATABASE sitepass_soak']);
    return this;
  }

  /** The fault: a fast restart, which ends every connection and rolls back every open transaction. */
  async restart() {
    await runAsync('pg_ctlcluster', [this.version, this.name, 'restart', '-m', 'fast']);
    await waitForPort(this.port);
  }
}

/** A redis-server of the soak's own, with nothing on disk: a restart comes back empty. */
export class RedisProcess {
  constructor(port) {
    this.port = port;
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    this.child = trackChild(
      spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }),
    );
    await waitForPort(this.port);
    return this;
  }

  /** The fault: Redis stops and starts again with no data (queues, counters, the revocation set's copy). */
  async restart() {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
    return this.start();
  }
}

/**
 * nginx as the gateway (deploy/nginx/nginx.conf's routing, without Docker): /v1/pay to the Pay instances,
 * the rest of /v1 to the standard ones, least connections, and a request refused by a dead instance tried
 * on the next (nginx only retries what never reached an app, so no POST runs twice).
 */
export class Gateway {
  constructor(port, upstreams) {
    this.port = port;
    this.upstreams = upstreams;
    this.directory = mkdtempSync(join(tmpdir(), 'sitepass-soak-nginx-'));
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    const servers = (ports) => ports.map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`).join('\n      ');
    const temp = (name) => `${name}_temp_path ${join(this.directory, name)};`;
    const config = `
daemon off;
master_process off;
worker_processes 1;
pid ${join(this.directory, 'nginx.pid')};
error_log ${join(this.directory, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  client_max_body_size 16k;
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host $host;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  proxy_connect_timeout 2s;
  proxy_read_timeout 30s;
  proxy_next_upstream error timeout;
  upstream standard {
      least_conn;
      ${servers(this.upstreams.standard)}
      keepalive 64;
  }
  upstream pay {
      least_conn;
      ${servers(this.upstreams.pay)}
      keepalive 64;
  }
  server {
    listen 127.0.0.1:${this.port};
    location /v1/pay/ { proxy_pass http://pay; }
    location /v1/ { proxy_pass http://standard; }
    location /internal/ { proxy_pass http://standard; }
  }
}`;
    const file = join(this.directory, 'nginx.conf');
    writeFileSync(file, config);
    this.child = trackChild(spawn('nginx', ['-c', file, '-p', this.directory], { stdio: 'ignore' }));
    await waitForPort(this.port);
    return this;
  }
}
