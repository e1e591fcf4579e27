import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { onExit } from './cleanup.mjs';
import { BENCH_DATABASE, ENTRY, ROOT, databaseUrl } from './env.mjs';

function dropDatabase(name) {
  // WITH (FORCE) ends connections a crashed run may have left behind (PostgreSQL 13+).
  const result = spawnSync(
    'psql',
    ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-qAtc', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`dropping ${name} failed: ${result.stderr || result.error}`);
}

/**
 * A fresh bench database, created and migrated by the built migrate command (OPS-4), and dropped when
 * the process exits, whatever the reason.
 */
export function createBenchDatabase(env, name = BENCH_DATABASE) {
  if (!/^sitepass_bench/.test(name)) throw new Error(`refusing to manage a database not named sitepass_bench*: ${name}`);
  dropDatabase(name);
  onExit(() => dropDatabase(name));
  const migrated = spawnSync(process.execPath, [ENTRY.migrate], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: databaseUrl(name) },
    encoding: 'utf8',
  });
  if (migrated.status !== 0) throw new Error(`migrations failed:\n${migrated.stdout}\n${migrated.stderr}`);
  return databaseUrl(name);
}

/** A pg pool on the bench database, for a floor server or for counting rows. */
export function benchPool(name = BENCH_DATABASE, max = 10) {
  return new pg.Pool({ connectionString: databaseUrl(name), max });
}

/** Deletes every Redis key of the bench prefix (queues, counters), now and when the process exits. */
export function clearRedisPrefix(prefix) {
  const run = () => {
    const result = spawnSync('sh', [
      '-c',
      'redis-cli -h 127.0.0.1 --scan --pattern "$1*" | xargs -r -n 500 redis-cli -h 127.0.0.1 DEL > /dev/null',
      'sh',
      prefix,
    ]);
    if (result.status !== 0) throw new Error(`clearing Redis keys ${prefix}* failed`);
  };
  run();
  onExit(run);
}
