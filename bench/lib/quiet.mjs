import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
}

/** The share of all cores busy over `windowMs`, from /proc/stat (0..1). */
export async function cpuBusy(windowMs = 1000) {
  const before = cpuTimes();
  await sleep(windowMs);
  const after = cpuTimes();
  return 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
}

/**
 * Other people's test runs on the same two cores distort every number: wait (up to `timeoutMs`) until
 * the machine is nearly idle before measuring, and report how busy it was, so a noisy run is visible.
 */
export async function waitForQuietMachine({ maxBusy = 0.2, timeoutMs = Number(process.env.BENCH_QUIET_TIMEOUT_S ?? 180) * 1000 } = {}) {
  const started = Date.now();
  let busy = await cpuBusy();
  let said = 0;
  while (busy > maxBusy && Date.now() - started < timeoutMs) {
    if (Date.now() - said > 15_000) {
      process.stdout.write(
        `machine ${(busy * 100).toFixed(0)}% busy (other processes); waiting up to ${timeoutMs / 1000} s for it to settle...\n`,
      );
      said = Date.now();
    }
    busy = await cpuBusy(2000);
  }
  return { busyBeforeStart: Math.round(busy * 100) / 100, quiet: busy <= maxBusy, waitedMs: Date.now() - started };
}
