// PERF-5: each process (standard app, Pay app, worker) is ready within 3 s of start and idles under
// 150 MB resident memory. Each is started alone (spawn → first 200 from GET /health/ready), left idle
// for 10 s, and its VmRSS read from /proc; this is repeated ROUNDS times.
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from './lib/apps.mjs';
import './lib/cleanup.mjs';
import { clearRedisPrefix, createBenchDatabase } from './lib/database.mjs';
import { BENCH_PREFIX, benchEnv, makeSecrets } from './lib/env.mjs';
import { waitForQuietMachine } from './lib/quiet.mjs';
import { printTable, writeResult } from './lib/report.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IDLE_MS = 10_000;
const READY_TARGET_MS = 3000;
const RSS_TARGET_MIB = 150;

const env = benchEnv(makeSecrets());
createBenchDatabase(env);
clearRedisPrefix(BENCH_PREFIX);

const rows = [];
for (let round = 1; round <= ROUNDS; round += 1) {
  for (const kind of ['standard', 'pay', 'worker']) {
    const quiet = await waitForQuietMachine();
    const app = await startApp(kind, env);
    await sleep(IDLE_MS);
    const rssMiB = app.rssKiB() / 1024;
    await app.stop();
    rows.push({
      round,
      process: kind,
      readyMs: Math.round(app.readyMs),
      rssMiB: Math.round(rssMiB * 10) / 10,
      busyBefore: quiet.busyBeforeStart,
    });
    printTable(`round ${round}: ${kind}`, [rows.at(-1)]);
  }
}

const summary = ['standard', 'pay', 'worker'].map((kind) => {
  const mine = rows.filter((row) => row.process === kind);
  const worstReady = Math.max(...mine.map((row) => row.readyMs));
  const worstRss = Math.max(...mine.map((row) => row.rssMiB));
  return {
    process: kind,
    worstReadyMs: worstReady,
    readyTargetMs: READY_TARGET_MS,
    readyOk: worstReady < READY_TARGET_MS,
    worstRssMiB: worstRss,
    rssTargetMiB: RSS_TARGET_MIB,
    rssOk: worstRss < RSS_TARGET_MIB,
  };
});
printTable('PERF-5: worst of each process over all rounds', summary);
writeResult('startup-memory', { target: 'PERF-5', rounds: ROUNDS, idleMs: IDLE_MS, runs: rows, summary });
