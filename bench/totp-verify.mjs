// PERF-1: verifying a TOTP code in a pending sign-in (POST /v1/challenges/{id}/verify with an
// mfaToken) reaches at least half the throughput of its floor, a bare node:http + pg handler doing
// the same unavoidable statements (bench/floors/totp-verify-floor.mjs); and p99 < 25 ms at a fixed
// rate of half the app's maximum. One user = one verification per 30-s step: every phase uses each
// enrolled user once, with a code for the current step, and starts in a step after the previous one.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from './lib/apps.mjs';
import './lib/cleanup.mjs';
import { benchPool, clearRedisPrefix, createBenchDatabase } from './lib/database.mjs';
import { BENCH_PREFIX, ROOT, benchEnv, makeSecrets } from './lib/env.mjs';
import { JsonClient } from './lib/http.mjs';
import { closedLoop, openLoop } from './lib/load.mjs';
import { waitForQuietMachine } from './lib/quiet.mjs';
import { printTable, writeResult } from './lib/report.mjs';
import { INVESTIGATE, countQueriesDuring, investigation } from './lib/investigate.mjs';
import { insertOpenChallenges } from './lib/sign-in-rows.mjs';
import { createUsers, enrollTotp, forEachLimited, openTotpChallenge } from './lib/sitepass.mjs';
import { currentStep, totpCode } from './lib/totp.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const USERS = Number(process.env.BENCH_USERS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RATIO_TARGET = 0.5;
const P99_TARGET_MS = 25;

const secrets = makeSecrets();
const env = benchEnv(secrets);
createBenchDatabase(env);
clearRedisPrefix(BENCH_PREFIX);
let app = await startApp('standard', env);
const floor = await startApp('floor', env, { script: join(ROOT, 'bench/floors/totp-verify-floor.mjs') });
const api = new JsonClient(app.url, { maxSockets: 64 });
const pool = benchPool();

process.stdout.write(`enrolling ${USERS} users (argon2 for each: takes a while)...\n`);
const created = await createUsers(api, USERS, { alwaysRequireMfa: true, label: 'totp' });
const { results: users } = await forEachLimited(created, 8, (user) => enrollTotp(api, user));

/** Waits for a step later than every step already used, so that each user's code for "now" is fresh. */
async function waitForFreshStep() {
  const used = Math.max(...users.map((user) => user.lastStep));
  const waitMs = (used + 1) * 30_000 - Date.now();
  if (waitMs > 0) {
    process.stdout.write(`waiting ${(waitMs / 1000).toFixed(1)} s for the next TOTP step...\n`);
    await sleep(waitMs + 50);
  }
}

/** The verification request of one prepared challenge, with the code of the current step. */
function verifier(client, prepared) {
  return async (index) => {
    const { user, mfaToken, challengeId } = prepared[index];
    const step = currentStep();
    const response = await client.post(`/v1/challenges/${challengeId}/verify`, { code: totpCode(user.key, step) }, { token: mfaToken });
    user.lastStep = Math.max(user.lastStep, step);
    if (response.status !== 200 || response.body.status !== 'authenticated') throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
  };
}

async function prepareThroughApi() {
  const { results, elapsedMs } = await forEachLimited(users, 8, (user) => openTotpChallenge(api, user));
  process.stdout.write(`opened ${results.length} sign-ins and challenges through the API in ${(elapsedMs / 1000).toFixed(1)} s\n`);
  return results;
}

async function maxThroughput(client, prepared) {
  await waitForFreshStep();
  const quiet = await waitForQuietMachine();
  const run = await closedLoop({ concurrency: CONCURRENCY, total: prepared.length, task: verifier(client, prepared) });
  if (run.errors > 0) throw new Error(`${run.errors} verifications failed: ${run.firstError}`);
  return { ...run, quiet };
}

/**
 * BENCH_INVESTIGATE=1: the app's max phase runs on an app restarted under --cpu-prof with the SQL
 * counter, which prints the statements one verification sends; the profile is written on stop.
 */
async function investigateApp(prepared) {
  const { nodeArgs, queryLog, profile } = investigation('totp-verify');
  await app.stop();
  app = await startApp('standard', { ...env, BENCH_QUERY_LOG: queryLog }, { port: app.port, nodeArgs });
  const { result, counts } = await countQueriesDuring(app, queryLog, () => maxThroughput(api, prepared));
  await app.stop();
  app = await startApp('standard', env, { port: app.port });
  const perRequest = Object.entries(counts).map(([statement, count]) => ({ perVerification: count / prepared.length, statement: statement.slice(0, 110) }));
  printTable(`SQL statements per verification (${queryLog})`, perRequest);
  process.stdout.write(`CPU profile: ${profile} (summarize: node bench/tools/profile-summary.mjs FILE)\n`);
  return result;
}

const floorClient = new JsonClient(floor.url, { maxSockets: 64 });
const rounds = [];
for (let round = 1; round <= ROUNDS; round += 1) {
  const floorRun = await maxThroughput(floorClient, await insertOpenChallenges(pool, secrets.HASH_PEPPER, users));
  const appRun = INVESTIGATE ? await investigateApp(await prepareThroughApi()) : await maxThroughput(api, await prepareThroughApi());
  const rate = Math.floor(appRun.steadyThroughput / 2);
  const prepared = await prepareThroughApi();
  await waitForFreshStep();
  const quietFixed = await waitForQuietMachine();
  const fixed = await openLoop({ rate, total: prepared.length, task: verifier(api, prepared) });
  if (fixed.errors > 0) throw new Error(`${fixed.errors} verifications failed at a fixed rate: ${fixed.firstError}`);
  const ratio = appRun.steadyThroughput / floorRun.steadyThroughput;
  rounds.push({ round, floor: floorRun, app: appRun, fixedRate: { ...fixed, quiet: quietFixed }, ratio });
  printTable(`round ${round}: ${USERS} verifications per phase, concurrency ${CONCURRENCY}`, [
    { phase: 'floor, max', perSecond: floorRun.steadyThroughput, p50ms: floorRun.latency.p50, p95ms: floorRun.latency.p95, p99ms: floorRun.latency.p99 },
    { phase: 'app, max', perSecond: appRun.steadyThroughput, p50ms: appRun.latency.p50, p95ms: appRun.latency.p95, p99ms: appRun.latency.p99 },
    { phase: `app, fixed ${rate}/s`, perSecond: fixed.achieved, p50ms: fixed.latency.p50, p95ms: fixed.latency.p95, p99ms: fixed.latency.p99 },
  ]);
}
await Promise.all([app.stop(), floor.stop()]);
await pool.end();

const summary = rounds.map(({ round, floor: f, app: a, fixedRate, ratio }) => ({
  round,
  floorPerSecond: f.steadyThroughput,
  appPerSecond: a.steadyThroughput,
  ratio,
  ratioOk: ratio >= RATIO_TARGET,
  fixedRate: fixedRate.rate,
  p50ms: fixedRate.latency.p50,
  p95ms: fixedRate.latency.p95,
  p99ms: fixedRate.latency.p99,
  p99Ok: fixedRate.latency.p99 < P99_TARGET_MS,
}));
printTable(`PERF-1: app/floor throughput (target >= ${RATIO_TARGET}) and p99 at half the app's max (target < ${P99_TARGET_MS} ms)`, summary);
writeResult('totp-verify', { target: 'PERF-1', users: USERS, concurrency: CONCURRENCY, rounds, summary });
