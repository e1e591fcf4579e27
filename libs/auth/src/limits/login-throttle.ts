import { Inject, Injectable } from '@nestjs/common';
import { clientNetwork, KeyedHasher } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { normalizeEmail } from '@sitepass/database';
import { DomainError } from '../errors/domain.error';
import { LimitRule, RateLimiter } from './rate-limiter';

/** A password attempt that was admitted: call `passed` when the password was right, so it is not a failure. */
export interface PasswordAttempt {
  passed(): Promise<void>;
  /**
   * The password could not be checked (PostgreSQL out of reach, REL-2): the attempt proves nothing, so the
   * account and the client get it back, and a client retrying through an outage is not locked out after it.
   * Best effort: Redis may be out of reach too.
   */
  unchecked(): Promise<void>;
}

/**
 * SEC-5, ABUSE-2, ABUSE-5: password limits shared by every instance, for sign-in and for the
 * `currentPassword` of self-service changes alike. An attempt is taken from the account's limit and the
 * client's before the password is verified, so parallel guesses are counted as they arrive, not after
 * argon2 has answered them. The account's limit counts failures: a right password gives its attempt
 * back. The account is keyed by a hash of the email, so unknown emails are limited exactly like known
 * ones and Redis holds no addresses; the client is its IP address, or its IPv6 /64 (ABUSE-10).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly hasher: KeyedHasher,
    @Inject(CONFIG) private readonly config: SitepassConfig,
  ) {}

  /** Takes the attempt, or refuses it with `429 too_many_attempts` when the account or the client is spent. */
  async admit(email: string, ip: string | null): Promise<PasswordAttempt> {
    const rules = [this.accountRule(email), ...(ip ? [this.clientRule(ip)] : [])];
    const verdict = await this.limiter.reserve(rules);
    if (!verdict.admitted) {
      throw DomainError.of('error.too_many_attempts.passwords', {}, { retryAfterSeconds: verdict.retryAfterSeconds });
    }
    return {
      passed: () => verdict.release(rules[0]!),
      unchecked: async () => {
        await Promise.all(rules.map((rule) => verdict.release(rule).catch(() => undefined)));
      },
    };
  }

  /** A sign-in attempt that names no account (a passkey alone, PASSKEY-3): taken from the client's limit only. */
  async admitClient(ip: string | null): Promise<void> {
    if (!ip) return;
    const verdict = await this.limiter.reserve([this.clientRule(ip)]);
    if (!verdict.admitted) {
      throw DomainError.of('error.too_many_attempts', {}, { retryAfterSeconds: verdict.retryAfterSeconds });
    }
  }

  /** Verifies a password as one admitted attempt: for checks that are not a sign-in (ABUSE-5). */
  async verify(email: string, ip: string | null, verify: () => Promise<boolean>): Promise<boolean> {
    const attempt = await this.admit(email, ip);
    const matches = await verify().catch(async (error: unknown) => {
      if (!(error instanceof DomainError)) await attempt.unchecked();
      throw error;
    });
    if (matches) await attempt.passed();
    return matches;
  }

  private accountRule(email: string): LimitRule {
    const { loginFailuresPerAccount, loginWindowSeconds } = this.config.rateLimits;
    const account = this.hasher.hash('login-throttle', normalizeEmail(email));
    return { key: `login-failures:${account}`, limit: loginFailuresPerAccount, windowSeconds: loginWindowSeconds };
  }

  private clientRule(ip: string): LimitRule {
    const { loginAttemptsPerIp, loginWindowSeconds } = this.config.rateLimits;
    return { key: `login-attempts:ip:${clientNetwork(ip)}`, limit: loginAttemptsPerIp, windowSeconds: loginWindowSeconds };
  }
}
