import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { addSeconds, Clock, RedisClient } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { randomUUID } from 'node:crypto';
import { SessionRepository } from '@sitepass/database';
import { DomainError } from '../errors/domain.error';

const MARKER = 'revocations:complete';
const REBUILD_LOCK = 'revocations:rebuilding';
const keyOf = (sessionId: string) => `revoked-session:${sessionId}`;

/** Marks the set complete only if this rebuild still holds its lock: a wipe during the rebuild voids it. */
const COMPLETE_IF_STILL_LOCKED = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[2], '1')
  redis.call('DEL', KEYS[1])
  return 1
end
return 0`;

/**
 * The set of revoked sessions whose access tokens may still be unexpired (SES-7). Every instance asks
 * Redis on every request, so a sign-out on one instance is seen by all at once.
 *
 * PostgreSQL stays the record. Redis keeps nothing on disk, so the marker key says the set is complete:
 * when Redis has lost its data the marker is gone, answers come from PostgreSQL, and one instance
 * rebuilds the set from the sessions revoked within one access-token lifetime.
 */
@Injectable()
export class RevocationStore implements OnApplicationBootstrap {
  private readonly logger = new Logger(RevocationStore.name);

  constructor(
    private readonly redis: RedisClient,
    private readonly sessions: SessionRepository,
    @Inject(CONFIG) private readonly config: SitepassConfig,
    private readonly clock: Clock,
  ) {}

  private get ttlSeconds(): number {
    // Long enough to outlive every access token signed before the revocation.
    return this.config.jwt.accessTokenTtlSeconds + 60;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.rebuildIfIncomplete().catch((error: Error) => this.logger.warn(`Revocation set not rebuilt: ${error.message}`));
    await this.warnIfRedisEvicts();
  }

  /**
   * An evicting Redis may drop a revoked session's key while the marker stays: that session would be
   * accepted again until its tokens expire (docs/security.md). Managed Redis may forbid CONFIG: then say nothing.
   */
  private async warnIfRedisEvicts(): Promise<void> {
    const [, policy] = ((await this.redis.config('GET', 'maxmemory-policy').catch(() => [])) as string[]) ?? [];
    if (policy && policy !== 'noeviction') {
      this.logger.warn(
        `Redis maxmemory-policy is ${policy}: set it to noeviction, or an evicted revocation could let a revoked session through`,
      );
    }
  }

  /**
   * Adds revoked sessions to the set; call it inside the transaction that revokes them, before it commits.
   * It never fails open (ABUSE-8): when Redis refuses the write (out of memory, read-only, unreachable), the
   * set is marked incomplete, so that every instance answers from PostgreSQL until it is rebuilt; when even
   * that is refused, it throws, and the revoking request fails instead of reporting a revocation that some
   * instance would not see.
   */
  async add(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    try {
      const pipeline = this.redis.pipeline();
      for (const id of sessionIds) pipeline.set(keyOf(id), '1', 'EX', this.ttlSeconds);
      // A pipeline resolves even when its commands fail: each reply carries its own error.
      const failed = (await pipeline.exec())?.find(([error]) => error);
      if (failed) throw failed[0];
    } catch (error) {
      await this.markIncomplete(error as Error);
    }
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    const [complete, revoked] = await this.redis.mget(MARKER, keyOf(sessionId));
    if (revoked) return true;
    if (complete) return false;
    void this.rebuildIfIncomplete().catch((error: Error) => this.logger.warn(`Revocation set not rebuilt: ${error.message}`));
    return this.sessions.isRevoked(sessionId);
  }

  /** Deleting the rebuild lock too voids a rebuild in progress, which may have read PostgreSQL before this revocation. */
  private async markIncomplete(cause: Error): Promise<void> {
    try {
      await this.redis.del(MARKER, REBUILD_LOCK);
      this.logger.warn(`Revocation not written to Redis (${cause.message}): every instance checks PostgreSQL until the set is rebuilt`);
    } catch {
      throw DomainError.of('error.service_unavailable.revocation', {}, { retryAfterSeconds: 5 });
    }
  }

  private async rebuildIfIncomplete(): Promise<void> {
    if (await this.redis.exists(MARKER)) return;
    const lockToken = randomUUID();
    const locked = await this.redis.set(REBUILD_LOCK, lockToken, 'EX', 30, 'NX');
    if (!locked) return;
    const since = addSeconds(this.clock.now(), -this.ttlSeconds);
    const revoked = await this.sessions.revokedSince(since);
    await this.add(revoked);
    if (await this.redis.eval(COMPLETE_IF_STILL_LOCKED, 2, REBUILD_LOCK, MARKER, lockToken)) {
      this.logger.log(`Revocation set rebuilt with ${revoked.length} sessions`);
    }
  }
}
