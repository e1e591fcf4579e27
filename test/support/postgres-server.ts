import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { runMigrations } from '@sitepass/database';
import { freePort } from './redis-server';

const run = promisify(execFile);
const OWNER = 'postgres';
const DEBIAN = '/usr/lib/postgresql';

/** Where initdb and pg_ctl are: POSTGRES_BIN, else Debian's newest /usr/lib/postgresql/<version>/bin, else the PATH. */
function binDirectory(): string | null {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const versions = existsSync(DEBIAN) ? readdirSync(DEBIAN).filter((name) => /^\d+$/.test(name)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(DEBIAN, newest, 'bin') : null;
}

/**
 * A real PostgreSQL of the test's own, in a temporary data directory on a port of its own, for tests that
 * stop and start the database (REL-2) without touching the server every other test shares. initdb and
 * postgres refuse to run as root: as root, both run as the `postgres` user (`runuser`). Trust auth, no fsync
 * (every commit still reaches the OS before it returns, so an immediate stop loses nothing committed).
 * `stop()` and `start()` again keep the data and the port, as a restarted server does.
 */
export class PostgresServer {
  port = 0;
  private directory = '';
  private running = false;

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/sitepass`;
  }

  /** A new cluster with the `sitepass` database migrated; then `start()` after each `stop()`. */
  async create(): Promise<this> {
    this.directory = mkdtempSync(join(tmpdir(), 'sitepass-pg-'));
    if (runsAsRoot()) chownSync(this.directory, Number((await run('id', ['-u', OWNER])).stdout.trim()), -1);
    await this.asOwner('initdb', ['-D', this.dataDirectory, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    this.port = await freePort();
    await this.start();
    const server = new Client({ connectionString: `postgres://postgres@127.0.0.1:${this.port}/postgres` });
    await server.connect();
    await server.query('CREATE DATABASE sitepass');
    await server.end();
    await runMigrations(this.url);
    return this;
  }

  /** Starts the server on its port, unless it runs. */
  async start(): Promise<void> {
    if (this.running) return;
    const options = [
      `-p ${this.port}`,
      `-c listen_addresses=127.0.0.1`,
      `-c unix_socket_directories=${this.directory}`,
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c shared_buffers=16MB',
      '-c max_connections=60',
    ].join(' ');
    await this.asOwner('pg_ctl', [
      'start',
      '-D',
      this.dataDirectory,
      '-w',
      '-t',
      '20',
      '-l',
      join(this.directory, 'server.log'),
      '-o',
      options,
    ]);
    this.running = true;
  }

  /** Stops the server at once (`immediate`: what a crash or a lost host looks like to clients), keeping its data. */
  async stop(mode: 'immediate' | 'fast' = 'immediate'): Promise<void> {
    if (!this.running) return;
    await this.asOwner('pg_ctl', ['stop', '-D', this.dataDirectory, '-m', mode, '-w', '-t', '20']);
    this.running = false;
  }

  /** Stops the server if it runs and removes its data directory. */
  async destroy(): Promise<void> {
    if (!this.directory) return;
    await this.stop().catch(() => undefined);
    rmSync(this.directory, { recursive: true, force: true });
    this.directory = '';
  }

  private get dataDirectory(): string {
    return join(this.directory, 'data');
  }

  /** Runs a PostgreSQL program as the `postgres` user when the tests run as root (which it refuses), else as is. */
  private async asOwner(program: string, args: string[]): Promise<void> {
    const bin = binDirectory();
    const path = bin ? join(bin, program) : program;
    if (runsAsRoot()) await run('runuser', ['-u', OWNER, '--', path, ...args], { cwd: this.directory });
    else await run(path, args, { cwd: this.directory });
  }
}

function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}
