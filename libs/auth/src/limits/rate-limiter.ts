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
    const { key, windowEnd } = this.window(rule);
    const [[, count]] = (await this.redis
      .multi()
      .incrby(key, amount)
      .expire(key, rule.windowSeconds * 2)
      .exec()) as [[Error | null, number]];
    return this.state(count, count > rule.limit, windowEnd);
  }

  /** Reads the count without adding to it; limited means no room is left for another event. */
  async peek(rule: LimitRule): Promise<LimitState> {
    const { key, windowEnd } = this.window(rule);
    const count = Number((await this.redis.get(key)) ?? 0);
    return this.state(count, count >= rule.limit, windowEnd);
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
