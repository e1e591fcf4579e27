import { Inject, Injectable } from '@nestjs/common';
import { KeyedHasher } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { normalizeEmail } from '../directory/email';
import { DomainError } from '../errors/domain.error';
import { LimitRule, RateLimiter } from './rate-limiter';

/**
 * SEC-5: password sign-in limits shared by every instance. Every attempt counts against the client IP;
 * failed attempts count against the account, keyed by a hash of the email so that unknown emails are
 * limited exactly like known ones and Redis holds no addresses.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly hasher: KeyedHasher,
    @Inject(CONFIG) private readonly config: SitepassConfig,
  ) {}

  /** Counts the attempt against the IP and refuses it when either limit is spent. */
  async admit(email: string, ip: string | null): Promise<void> {
    const states = await this.limiter.count([
      { rule: this.accountRule(email), amount: 0 },
      ...(ip ? [{ rule: this.ipRule(ip), amount: 1 }] : []),
    ]);
    const refused = states.filter((state) => state.limited);
    if (refused.length > 0) {
      const retryAfter = Math.max(...refused.map((state) => state.retryAfterSeconds));
      throw new DomainError('too_many_attempts', 'Too many sign-in attempts. Try again later.', {}, retryAfter);
    }
  }

  async recordFailure(email: string): Promise<void> {
    await this.limiter.hit(this.accountRule(email));
  }

  private accountRule(email: string): LimitRule {
    const { loginFailuresPerAccount, loginWindowSeconds } = this.config.rateLimits;
    const account = this.hasher.hash('login-throttle', normalizeEmail(email));
    return { key: `login-failures:${account}`, limit: loginFailuresPerAccount, windowSeconds: loginWindowSeconds };
  }

  private ipRule(ip: string): LimitRule {
    const { loginAttemptsPerIp, loginWindowSeconds } = this.config.rateLimits;
    return { key: `login-attempts:ip:${ip}`, limit: loginAttemptsPerIp, windowSeconds: loginWindowSeconds };
  }
}
