import { Injectable } from '@nestjs/common';
import { Clock, RedisClient } from '@sitepass/common';
import { secondsUntilWindowEnds, windowIndex } from './fixed-window';

export interface LimitRule {
  /** What is counted, and for whom: `login-failures:<hash of the email>`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * KEYS: the counters' window keys; ARGV[i]: the limit of KEYS[i], ARGV[#KEYS + i]: its expiry in seconds.
 * One atomic step: refuses (returns the 1-based index of the first spent counter) or takes one from each
 * counter (returns 0). Checking and taking in one script is what makes a limit hold for parallel requests.
 */
const RESERVE = `
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i]) then return i end
end
for i, key in ipairs(KEYS) do
  redis.call('INCR', key)
  redis.call('EXPIRE', key, ARGV[#KEYS + i])
end
return 0`;

/** Gives one back, unless the window's key is already gone (a negative count would outlive its window). */
const RELEASE = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0`;

/** A rule's counter in the window `nowMs` falls in: its Redis key, and the wait until that window ends if it is spent. */
export function limitWindow(rule: LimitRule, nowMs: number): { key: string; retryAfterSeconds: number } {
  return {
    key: `rl:${rule.key}:${windowIndex(nowMs, rule.windowSeconds)}`,
    retryAfterSeconds: secondsUntilWindowEnds(nowMs, rule.windowSeconds),
  };
}

export type LimitVerdict =
  | {
      admitted: true;
      /** Gives back what was taken from one rule's counter: the attempt turned out not to count. */ release(
        rule: LimitRule,
      ): Promise<void>;
    }
  | { admitted: false; retryAfterSeconds: number };

/**
 * Fixed-window counters in Redis, shared by every instance (SEC-5, OPS-5). The window is chosen with the
 * injected clock, so tests move time instead of sleeping; Redis expiry only cleans up.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly clock: Clock,
  ) {}

  /** Takes one attempt from every rule's counter before the attempt is evaluated, or refuses if any is spent (ABUSE-2). */
  async reserve(rules: LimitRule[]): Promise<LimitVerdict> {
    const nowMs = this.clock.now().getTime();
    const windows = rules.map((rule) => limitWindow(rule, nowMs));
    const keys = windows.map((window) => window.key);
    const refused = Number(
      await this.redis.eval(
        RESERVE,
        rules.length,
        ...keys,
        ...rules.map((rule) => rule.limit),
        ...rules.map((rule) => rule.windowSeconds * 2),
      ),
    );
    if (refused > 0) return { admitted: false, retryAfterSeconds: windows[refused - 1]!.retryAfterSeconds };
    return {
      admitted: true,
      release: async (rule) => {
        await this.redis.eval(RELEASE, 1, keys[rules.indexOf(rule)]!);
      },
    };
  }
}
