/**
 * Latencies in milliseconds, kept whole and sorted once for percentiles. A run records at most a few
 * hundred thousand samples, so an exact sorted array is simpler than an HDR histogram and as precise.
 */
export class LatencyRecorder {
  samples = [];
  sorted = true;

  record(ms) {
    this.samples.push(ms);
    this.sorted = false;
  }

  get count() {
    return this.samples.length;
  }

  percentile(p) {
    if (this.samples.length === 0) return NaN;
    if (!this.sorted) {
      this.samples.sort((a, b) => a - b);
      this.sorted = true;
    }
    const rank = Math.ceil((p / 100) * this.samples.length) - 1;
    return this.samples[Math.min(this.samples.length - 1, Math.max(0, rank))];
  }

  summary() {
    const mean = this.samples.reduce((sum, value) => sum + value, 0) / (this.samples.length || 1);
    const round = (value) => Math.round(value * 100) / 100;
    return {
      count: this.count,
      min: round(this.percentile(0)),
      mean: round(mean),
      p50: round(this.percentile(50)),
      p90: round(this.percentile(90)),
      p95: round(this.percentile(95)),
      p99: round(this.percentile(99)),
      max: round(this.percentile(100)),
    };
  }
}

/** The median of a few numbers (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
