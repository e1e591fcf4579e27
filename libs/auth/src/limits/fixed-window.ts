/**
 * Fixed windows for the Redis counters (SEC-5, SMS-5): windows of `windowSeconds` counted from the Unix
 * epoch, so every instance finds the same window from its own clock, with no shared state; the window's
 * index is part of the counter's key, and Redis expiry only cleans up. The clock is the injected one, so
 * tests move time instead of sleeping.
 */

/** The index of the window `nowMs` falls in: windows start at whole multiples of `windowSeconds` since the epoch. */
export function windowIndex(nowMs: number, windowSeconds: number): number {
  return Math.floor(nowMs / (windowSeconds * 1000));
}

/**
 * Seconds from `nowMs` until its window ends and a spent counter has room again, rounded up so a client
 * that waits that long lands in the next window; never below 1, since `Retry-After: 0` invites a retry at once.
 */
export function secondsUntilWindowEnds(nowMs: number, windowSeconds: number): number {
  const endMs = (windowIndex(nowMs, windowSeconds) + 1) * windowSeconds * 1000;
  return Math.max(1, Math.ceil((endMs - nowMs) / 1000));
}
