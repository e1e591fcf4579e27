import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { LatencyRecorder } from './recorder.mjs';

/**
 * Closed loop: `concurrency` workers each run `task(index)` back to back until `total` tasks ran.
 * Gives the maximum throughput. A task throws (or returns false) to count as an error.
 */
export async function closedLoop({ concurrency, total, task }) {
  const latency = new LatencyRecorder();
  let next = 0;
  let errors = 0;
  let firstError = null;
  const completions = [];
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const begin = performance.now();
      try {
        if ((await task(index)) === false) errors += 1;
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
      const end = performance.now();
      latency.record(end - begin);
      completions.push(end);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const elapsedMs = performance.now() - started;
  return {
    count: total,
    errors,
    firstError: firstError?.message ?? null,
    elapsedMs,
    throughput: (total / elapsedMs) * 1000,
    steadyThroughput: steadyRate(completions),
    latency: latency.summary(),
  };
}

/**
 * Completions per second between the 10th and the 90th percentile of completion times: leaves out the
 * warm-up at the start and the tail, when fewer than `concurrency` requests are left in flight.
 */
export function steadyRate(times) {
  if (times.length < 20) return NaN;
  const sorted = [...times].sort((a, b) => a - b);
  const from = Math.floor(sorted.length * 0.1);
  const to = Math.floor(sorted.length * 0.9);
  return ((to - from) / (sorted[to] - sorted[from])) * 1000;
}

/**
 * Open loop at a fixed arrival rate: task i is due at i / rate seconds, whether or not earlier ones
 * have finished. Latency counts from the due time (from the send, if a timer fired early), so a
 * stalled server cannot hide its queueing delay (no coordinated omission).
 */
export async function openLoop({ rate, total, task }) {
  const latency = new LatencyRecorder();
  const pending = [];
  let errors = 0;
  let firstError = null;
  let maxLagMs = 0;
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    // Timers fire up to ~1 ms late; that lateness is counted in the latency, never hidden. They also
    // fire a fraction of a millisecond early: then the latency counts from the send, not the due time.
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    const from = Math.min(due, sent);
    maxLagMs = Math.max(maxLagMs, sent - due);
    pending.push(
      Promise.resolve()
        .then(() => task(index))
        .then(
          (ok) => {
            if (ok === false) errors += 1;
          },
          (error) => {
            errors += 1;
            firstError ??= error;
          },
        )
        .finally(() => latency.record(performance.now() - from)),
    );
  }
  await Promise.all(pending);
  const elapsedMs = performance.now() - started;
  return {
    count: total,
    rate,
    errors,
    firstError: firstError?.message ?? null,
    elapsedMs,
    achieved: (total / elapsedMs) * 1000,
    maxSendLagMs: Math.round(maxLagMs * 100) / 100,
    latency: latency.summary(),
  };
}
