import { Injectable } from '@nestjs/common';
import { Clock, RedisClient } from '@sitepass/common';

const key = (sessionId: string) => `session-activity:${sessionId}`;

/**
 * Touches the session's activity unless it has been idle too long, in one round trip: the idle check and
 * the new timestamp must not be two steps, or an idle session would be revived by the request refused.
 * KEYS[1] activity; ARGV: now, fallback (the last MFA), timeout ms, ttl s. Returns 1 (active) or 0 (idle).
 */
const TOUCH_UNLESS_IDLE = `
local last = tonumber(redis.call('GET', KEYS[1]) or ARGV[2])
if tonumber(ARGV[1]) - last > tonumber(ARGV[3]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[4])
return 1`;

/**
 * PAY-8: when a session last asked for an authorization, shared by every instance. Times come from the
 * injected clock. If Redis has lost the key, the session counts from its last MFA, so a lost key can
 * only ask for MFA sooner, never later.
 */
@Injectable()
export class SessionActivity {
  constructor(
    private readonly redis: RedisClient,
    private readonly clock: Clock,
  ) {}

  /** Records a request now and answers true, or answers false for a session idle longer than the timeout. */
  async touchUnlessIdle(sessionId: string, since: Date, idleTimeoutSeconds: number): Promise<boolean> {
    const now = this.clock.now().getTime();
    const active = await this.redis.eval(
      TOUCH_UNLESS_IDLE,
      1,
      key(sessionId),
      now,
      since.getTime(),
      idleTimeoutSeconds * 1000,
      idleTimeoutSeconds * 2,
    );
    return Number(active) === 1;
  }
}
