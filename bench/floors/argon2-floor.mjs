// The floor of PERF-2: raw argon2id verifications per second in a plain Node process, nothing else.
// Usage: node bench/floors/argon2-floor.mjs <concurrency> <count>, with the hash and the password in
// BENCH_HASH and BENCH_PASSWORD. Prints one JSON line with the closed-loop result.
import argon2 from 'argon2';
import { closedLoop } from '../lib/load.mjs';

const [concurrency, count] = process.argv.slice(2).map(Number);
const hash = process.env.BENCH_HASH;
const password = process.env.BENCH_PASSWORD;
if (!hash || !password || !concurrency || !count)
  throw new Error('usage: BENCH_HASH=… BENCH_PASSWORD=… node argon2-floor.mjs <concurrency> <count>');

const cpuBefore = process.cpuUsage();
const result = await closedLoop({ concurrency, total: count, task: () => argon2.verify(hash, password) });
const cpu = process.cpuUsage(cpuBefore);
// CPU of every thread of this process (the libuv pool included) per verification.
result.cpuMsPerVerification = Math.round(((cpu.user + cpu.system) / 1000 / count) * 100) / 100;
process.stdout.write(`${JSON.stringify(result)}\n`);
