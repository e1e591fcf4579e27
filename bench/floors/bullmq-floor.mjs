// The floor of PERF-3's throughput: a plain BullMQ Queue and Worker in this process adding and
// processing `count` empty jobs, with the options the outbox relay uses (job id, attempts, backoff,
// removeOnComplete) and the SMS worker's concurrency, on the same Redis under a prefix of its own.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { RUN_ID } from '../lib/env.mjs';
import { closedLoop, steadyRate } from '../lib/load.mjs';

export const FLOOR_PREFIX = `{sitepass-bench-floor-${RUN_ID}}`;

export async function bullmqFloor({ count, concurrency, prefix = FLOOR_PREFIX }) {
  const connection = { url: 'redis://127.0.0.1:6379', maxRetriesPerRequest: null };
  const queue = new Queue('sms', { connection, prefix });
  const completions = [];
  let resolveDone;
  const done = new Promise((resolve) => (resolveDone = resolve));
  const worker = new Worker('sms', async () => 'sent', { connection, prefix, concurrency });
  worker.on('completed', () => {
    completions.push(performance.now());
    if (completions.length === count) resolveDone();
  });
  await worker.waitUntilReady();
  const started = performance.now();
  const options = { attempts: 6, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: true };
  await closedLoop({
    concurrency,
    total: count,
    task: () => queue.add('sms', { outboxId: randomUUID() }, { ...options, jobId: randomUUID() }),
  });
  await done;
  const elapsedMs = performance.now() - started;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { count, concurrency, elapsedMs, throughput: (count / elapsedMs) * 1000, steadyThroughput: steadyRate(completions) };
}
