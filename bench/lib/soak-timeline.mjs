import { performance } from 'node:perf_hooks';

/** How long after a fault's service is back its window still excuses errors (REL-1's recovery goal). */
export const RECOVERY_GOAL_S = 10;

/**
 * Every request of the soak, by second: how many, how fast, and how each ended (2xx, 4xx, 5xx, or no
 * answer at all), per flow phase. Faults are marked with when they began and when their service was back.
 */
export class Timeline {
  constructor() {
    this.startedAt = performance.now();
    this.seconds = [];
    this.faults = [];
    this.byPhase = new Map();
  }

  now() {
    return (performance.now() - this.startedAt) / 1000;
  }

  /** Records one request that started at `startedAt` (seconds into the run) and ended now with `status` (0: no answer). */
  record(phase, startedAt, status) {
    const second = Math.floor(startedAt);
    const bucket = (this.seconds[second] ??= { requests: 0, latencies: [], ok: 0, clientErrors: 0, serverErrors: 0, noAnswer: 0 });
    bucket.requests += 1;
    bucket.latencies.push((this.now() - startedAt) * 1000);
    const outcome = status === 0 ? 'noAnswer' : status >= 500 ? 'serverErrors' : status >= 400 ? 'clientErrors' : 'ok';
    bucket[outcome] += 1;
    const counts = this.byPhase.get(phase) ?? { phase, requests: 0, ok: 0, clientErrors: 0, serverErrors: 0, noAnswer: 0 };
    counts.requests += 1;
    counts[outcome] += 1;
    this.byPhase.set(phase, counts);
    // A failure is placed when it is seen: a request in flight through an instance at the moment it is killed
    // fails at the fault, not when it was sent.
    if (outcome === 'serverErrors' || outcome === 'noAnswer') (this.failures ??= []).push({ at: this.now(), phase, status });
  }

  /** A fault begins now; call the returned function when its service is back. */
  fault(name) {
    const fault = { name, at: this.now(), backAt: null };
    this.faults.push(fault);
    return () => (fault.backAt = this.now());
  }

  /** Per second: requests, median and p95 latency in ms, failures (5xx and no answer). */
  series() {
    return Array.from({ length: this.seconds.length }, (_, second) => {
      const bucket = this.seconds[second];
      if (!bucket) return { second, requests: 0, p50: null, p95: null, failures: 0, clientErrors: 0 };
      const sorted = [...bucket.latencies].sort((a, b) => a - b);
      const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      return {
        second,
        requests: bucket.requests,
        p50: Math.round(at(0.5)),
        p95: Math.round(at(0.95)),
        failures: bucket.serverErrors + bucket.noAnswer,
        clientErrors: bucket.clientErrors,
      };
    });
  }

  /**
   * REL-1's verdicts on the failures: each fault's window runs from its start until its service is back plus
   * the recovery goal; recovery is how long after the service was back the last failure of that window came.
   * Failures outside every window are what must not happen.
   */
  analyse() {
    const failures = this.failures ?? [];
    const windows = this.faults.map((fault) => ({ ...fault, until: (fault.backAt ?? fault.at) + RECOVERY_GOAL_S }));
    const faults = windows.map((window) => {
      const inside = failures.filter((failure) => failure.at >= window.at && failure.at <= window.until);
      const lastAfterBack = inside.filter((failure) => failure.at >= window.backAt).map((failure) => failure.at);
      return {
        fault: window.name,
        atSecond: round(window.at),
        serviceBackAfterS: round(window.backAt - window.at),
        failures: inside.length,
        recoverySeconds: lastAfterBack.length > 0 ? round(Math.max(...lastAfterBack) - window.backAt) : 0,
      };
    });
    const outside = failures.filter((failure) => !windows.some((window) => failure.at >= window.at && failure.at <= window.until));
    return {
      faults,
      failuresOutsideFaultWindows: outside.length,
      firstOutside: outside.slice(0, 10).map((f) => ({ ...f, at: round(f.at) })),
    };
  }

  phases() {
    return [...this.byPhase.values()].sort((a, b) => a.phase.localeCompare(b.phase));
  }
}

function round(value) {
  return Math.round(value * 10) / 10;
}

/**
 * The soak's chart as one SVG: throughput, latency (median and p95) and failures per second, one panel each,
 * sharing the time axis, with every fault marked where it began (solid) and where its service was back (dashed).
 */
export function chartSvg(series, faults, title) {
  const width = 960;
  const left = 60;
  const right = 20;
  const panelHeight = 150;
  const gap = 40;
  const top = 50;
  const seconds = Math.max(1, series.length);
  const x = (second) => left + ((width - left - right) * second) / seconds;
  const panels = [
    { label: 'requests / s', lines: [{ key: 'requests', color: '#1f6feb' }] },
    {
      label: 'latency ms (median, p95)',
      lines: [
        { key: 'p50', color: '#2da44e' },
        { key: 'p95', color: '#bf8700' },
      ],
    },
    { label: 'failures / s (5xx, no answer)', lines: [{ key: 'failures', color: '#cf222e' }] },
  ];
  const height = top + panels.length * (panelHeight + gap);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${left}" y="24" font-size="15" font-weight="bold">${escape(title)}</text>`,
  ];
  panels.forEach((panel, index) => {
    const y0 = top + index * (panelHeight + gap);
    const max = Math.max(1, ...series.flatMap((point) => panel.lines.map((line) => point[line.key] ?? 0)));
    const y = (value) => y0 + panelHeight - (panelHeight * value) / max;
    parts.push(`<text x="${left}" y="${y0 - 8}">${escape(panel.label)}</text>`);
    panel.lines.forEach((line, position) => {
      const legendX = width - right - 90 * (panel.lines.length - position);
      parts.push(`<line x1="${legendX}" x2="${legendX + 18}" y1="${y0 - 12}" y2="${y0 - 12}" stroke="${line.color}" stroke-width="2"/>`);
      parts.push(`<text x="${legendX + 22}" y="${y0 - 8}">${line.key === 'p50' ? 'median' : line.key}</text>`);
    });
    parts.push(`<rect x="${left}" y="${y0}" width="${width - left - right}" height="${panelHeight}" fill="none" stroke="#d0d7de"/>`);
    parts.push(`<text x="${left - 6}" y="${y0 + 10}" text-anchor="end">${Math.round(max)}</text>`);
    parts.push(`<text x="${left - 6}" y="${y0 + panelHeight}" text-anchor="end">0</text>`);
    for (const line of panel.lines) {
      const points = series
        .filter((point) => point[line.key] !== null)
        .map((point) => `${x(point.second).toFixed(1)},${y(point[line.key]).toFixed(1)}`);
      parts.push(`<polyline fill="none" stroke="${line.color}" stroke-width="1.5" points="${points.join(' ')}"/>`);
    }
    for (const fault of faults) {
      parts.push(`<line x1="${x(fault.at)}" x2="${x(fault.at)}" y1="${y0}" y2="${y0 + panelHeight}" stroke="#8250df"/>`);
      if (fault.backAt !== null) {
        parts.push(
          `<line x1="${x(fault.backAt)}" x2="${x(fault.backAt)}" y1="${y0}" y2="${y0 + panelHeight}" stroke="#8250df" stroke-dasharray="4 3"/>`,
        );
      }
      if (index === 0) parts.push(`<text x="${x(fault.at) + 3}" y="${y0 + 12}" fill="#8250df">${escape(fault.name)}</text>`);
    }
  });
  const axisY = top + panels.length * (panelHeight + gap) - gap + 16;
  for (let second = 0; second <= seconds; second += 60)
    parts.push(`<text x="${x(second)}" y="${axisY}" text-anchor="middle">${second} s</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
