// PERF-2: password sign-in (POST /v1/sessions, a user who needs no MFA) reaches at least 80 % of the
// raw argon2id verifications per second at the configured parameters, at the same concurrency.
// Floor and app alternate ROUNDS times; each ratio compares a floor and an app measured back to back.
import { join } from 'node:path';
import { runNodeScript, startApp } from './lib/apps.mjs';
import './lib/cleanup.mjs';
import { benchPool, clearRedisPrefix, createBenchDatabase } from './lib/database.mjs';
import { BENCH_PREFIX, PASSWORD, ROOT, benchEnv, makeSecrets } from './lib/env.mjs';
import { JsonClient } from './lib/http.mjs';
import { closedLoop } from './lib/load.mjs';
import { waitForQuietMachine } from './lib/quiet.mjs';
import { printTable, writeResult } from './lib/report.mjs';
import { createUsers } from './lib/sitepass.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 600);
const USERS = 64;
const TARGET_RATIO = 0.8;

const env = benchEnv(makeSecrets());
createBenchDatabase(env);
clearRedisPrefix(BENCH_PREFIX);
const app = await startApp('standard', env);
const api = new JsonClient(app.url, { maxSockets: CONCURRENCY });
const users = await createUsers(api, USERS, { alwaysRequireMfa: false, label: 'password' });

// A hash the app itself made, so that the floor verifies with exactly the configured parameters.
const pool = benchPool();
const { rows } = await pool.query('SELECT password_hash FROM users LIMIT 1');
await pool.end();
const hash = rows[0].password_hash;

const signIn = async (index) => {
  const user = users[index % users.length];
  const response = await api.post('/v1/sessions', { email: user.email, password: PASSWORD });
  return response.status === 200 && response.body.status === 'authenticated';
};
await closedLoop({ concurrency: CONCURRENCY, total: 100, task: signIn });

const rounds = [];
for (let round = 1; round <= ROUNDS; round += 1) {
  const quiet = await waitForQuietMachine();
  const floor = await runNodeScript(join(ROOT, 'bench/floors/argon2-floor.mjs'), [CONCURRENCY, SIGN_INS], { BENCH_HASH: hash, BENCH_PASSWORD: PASSWORD });
  const service = await closedLoop({ concurrency: CONCURRENCY, total: SIGN_INS, task: signIn });
  if (service.errors > 0) throw new Error(`${service.errors} sign-ins failed: ${service.firstError}`);
  const ratio = service.steadyThroughput / floor.steadyThroughput;
  rounds.push({ round, quiet, floor, service, ratio });
  printTable(`round ${round} (concurrency ${CONCURRENCY}, ${SIGN_INS} each)`, [
    { what: 'raw argon2.verify', perSecond: floor.steadyThroughput, p50ms: floor.latency.p50, p99ms: floor.latency.p99 },
    { what: 'POST /v1/sessions', perSecond: service.steadyThroughput, p50ms: service.latency.p50, p99ms: service.latency.p99 },
  ]);
}
await app.stop();

const summary = rounds.map(({ round, floor, service, ratio }) => ({
  round,
  floorPerSecond: floor.steadyThroughput,
  signInsPerSecond: service.steadyThroughput,
  ratio,
  target: TARGET_RATIO,
  ok: ratio >= TARGET_RATIO,
}));
printTable('PERF-2: sign-ins per second / raw argon2id verifications per second', summary);
writeResult('password-sign-in', { target: 'PERF-2', concurrency: CONCURRENCY, signIns: SIGN_INS, users: USERS, rounds, summary });
