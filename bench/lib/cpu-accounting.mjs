import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function cpuTicksByProcess() {
  const result = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // utime and stime (fields 14 and 15 of stat; every thread of the process included).
      result.set(Number(entry), { comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  return result;
}

/**
 * Where the CPU time goes while `work` runs, per group of processes: the ones named in `pids`
 * (`{ app: pid, … }`), the bench process itself, PostgreSQL backends, Redis, and everything else.
 * Divided by the requests served, it says what one request costs each party.
 */
export async function accountCpu(pids, work) {
  const before = cpuTicksByProcess();
  const result = await work();
  const after = cpuTicksByProcess();
  const named = new Map(Object.entries({ ...pids, bench: process.pid }).map(([name, pid]) => [pid, name]));
  const groups = {};
  for (const [pid, { comm, ticks }] of after) {
    const delta = ticks - (before.get(pid)?.ticks ?? 0);
    if (delta <= 0) continue;
    const group = named.get(pid) ?? (comm === 'postgres' ? 'postgres' : comm.startsWith('redis-server') ? 'redis' : 'other processes');
    groups[group] = (groups[group] ?? 0) + (delta / TICKS_PER_SECOND) * 1000;
  }
  return { result, cpuMs: groups };
}

/** CPU milliseconds per request of each group, rounded. */
export function perRequest(cpuMs, requests) {
  return Object.fromEntries(Object.entries(cpuMs).map(([group, ms]) => [group, Math.round((ms / requests) * 100) / 100]));
}

/** Server-side CPU of one request: everything but the load generator and unrelated processes. */
export function serverCpu(perRequestMs) {
  return Object.entries(perRequestMs)
    .filter(([group]) => group !== 'bench' && group !== 'other processes')
    .reduce((sum, [, ms]) => sum + ms, 0);
}
