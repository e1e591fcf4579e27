import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './env.mjs';

/** BENCH_INVESTIGATE=1: the measured app runs under --cpu-prof with the SQL statement counter preloaded. */
export const INVESTIGATE = process.env.BENCH_INVESTIGATE === '1';
const DIRECTORY = join(ROOT, 'bench', 'results', 'profiles');

/** Node options and environment that make an app write a CPU profile on exit and count its queries. */
export function investigation(name) {
  mkdirSync(DIRECTORY, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    nodeArgs: [
      '--cpu-prof',
      `--cpu-prof-dir=${DIRECTORY}`,
      `--cpu-prof-name=${name}-${stamp}.cpuprofile`,
      '--import',
      join(ROOT, 'bench/tools/query-counter.mjs'),
    ],
    queryLog: join(DIRECTORY, `${name}-${stamp}.queries.json`),
    profile: join(DIRECTORY, `${name}-${stamp}.cpuprofile`),
  };
}

/** Counts the SQL statements `app` (started with `investigation()`) sends while `work` runs. */
export async function countQueriesDuring(app, queryLog, work) {
  rmSync(queryLog, { force: true });
  app.signal('SIGWINCH');
  const result = await work();
  app.signal('SIGWINCH');
  for (let attempt = 0; attempt < 50 && !existsSync(queryLog); attempt += 1) await sleep(100);
  const counts = JSON.parse(readFileSync(queryLog, 'utf8'));
  return { result, counts };
}

/** For an app started with BENCH_COUNT_FROM_START=1: the statements it sent from its start until now. */
export async function queriesSinceStart(app, queryLog) {
  rmSync(queryLog, { force: true });
  app.signal('SIGWINCH');
  for (let attempt = 0; attempt < 50 && !existsSync(queryLog); attempt += 1) await sleep(100);
  return JSON.parse(readFileSync(queryLog, 'utf8'));
}
