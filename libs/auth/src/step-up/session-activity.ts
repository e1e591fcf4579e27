import { Injectable } from '@nestjs/common';
import { Clock, RedisClient } from '@sitepass/common';

const key = (sessionId: string) => `session-activity:${sessionId}`;

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

  async idleSeconds(sessionId: string, since: Date): Promise<number> {
    const last = Number((await this.redis.get(key(sessionId))) ?? since.getTime());
    return (this.clock.now().getTime() - last) / 1000;
  }

  async touch(sessionId: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key(sessionId), String(this.clock.now().getTime()), 'EX', ttlSeconds);
  }
}
