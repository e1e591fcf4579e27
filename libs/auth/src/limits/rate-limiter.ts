import { Injectable } from '@nestjs/common';
import { Clock, RedisClient } from '@sitepass/common';

export interface LimitState {
  count: number;
  limited: boolean;
  retryAfterSeconds: number;
}

export interface LimitRule {
  /** What is counted, and for whom: `login-failures:account:<userId>`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

/** One counter of a `count` call: `amount` events are added to it; 0 only reads it. */
export interface LimitCount {
  rule: LimitRule;
  amount: number;
}

/**
 * KEYS: the counters' keys; ARGV[i]: what to add to KEYS[i] (0 reads it), ARGV[#KEYS + i]: its expiry in
 * seconds. Returns the counts. Several counters in one round trip, as one atomic step.
 */
const COUNT = `
local counts = {}
for i, key in ipairs(KEYS) do
  local amount = tonumber(ARGV[i])
  if amount == 0 then
    counts[i] = tonumber(redis.call('GET', key) or '0')
  else
    counts[i] = redis.call('INCRBY', key, amount)
    redis.call('EXPIRE', key, ARGV[#KEYS + i])
  end
end
return counts`;

/**
 * Fixed-window counters in Redis, shared by every instance (SEC-5, SMS-5, OPS-5). The window is chosen
 * with the injected clock, so tests move time instead of sleeping; Redis expiry only cleans up.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly clock: Clock,
  ) {}

  /** Counts one event and tells whether the limit is now exceeded. */
  async hit(rule: LimitRule, amount = 1): Promise<LimitState> {
    const [state] = await this.count([{ rule, amount }]);
    return state!;
  }

  /** Reads the count without adding to it; limited means no room is left for another event. */
  async peek(rule: LimitRule): Promise<LimitState> {
    const [state] = await this.count([{ rule, amount: 0 }]);
    return state!;
  }

  /**
   * Adds to some counters and reads others in one round trip. A counter added to is limited once its
   * count exceeds the limit; a counter only read, once no room is left for another event.
   */
  async count(counts: LimitCount[]): Promise<LimitState[]> {
    const windows = counts.map(({ rule }) => this.window(rule));
    const totals = (await this.redis.eval(
      COUNT,
      counts.length,
      ...windows.map((window) => window.key),
      ...counts.map(({ amount }) => amount),
      ...counts.map(({ rule }) => rule.windowSeconds * 2),
    )) as number[];
    return counts.map(({ rule, amount }, index) => {
      const total = Number(totals[index]);
      return this.state(total, amount === 0 ? total >= rule.limit : total > rule.limit, windows[index]!.windowEnd);
    });
  }

  /** Takes one event back, for a counted attempt that turned out not to count (a resend refused later). */
  async undo(rule: LimitRule): Promise<void> {
    await this.redis.decr(this.window(rule).key);
  }

  private window(rule: LimitRule): { key: string; windowEnd: number } {
    const nowMs = this.clock.now().getTime();
    const windowMs = rule.windowSeconds * 1000;
    const index = Math.floor(nowMs / windowMs);
    return { key: `rl:${rule.key}:${index}`, windowEnd: (index + 1) * windowMs - nowMs };
  }

  private state(count: number, limited: boolean, windowEndMs: number): LimitState {
    return { count, limited, retryAfterSeconds: Math.max(1, Math.ceil(windowEndMs / 1000)) };
  }
}
