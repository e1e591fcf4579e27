import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, RedisClient, addSeconds } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: SitepassConfig,
    private readonly clock: Clock,
  ) {}

  private get ttlSeconds(): number {
    // Long enough to outlive every access token signed before the revocation.
    return this.config.jwt.accessTokenTtlSeconds + 60;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.rebuildIfIncomplete().catch((error: Error) => this.logger.warn(`Revocation set not rebuilt: ${error.message}`));
  }

  /** Call after the revocation is committed to PostgreSQL. */
  async add(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of sessionIds) pipeline.set(keyOf(id), '1', 'EX', this.ttlSeconds);
    await pipeline.exec();
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    const [complete, revoked] = await this.redis.mget(MARKER, keyOf(sessionId));
    if (revoked) return true;
    if (complete) return false;
    void this.rebuildIfIncomplete().catch((error: Error) => this.logger.warn(`Revocation set not rebuilt: ${error.message}`));
    const rows: Array<{ revoked: boolean }> = await this.db.query(
      `SELECT revoked_at IS NOT NULL AS revoked FROM sessions WHERE id = $1`,
      [sessionId],
    );
    return rows[0]?.revoked ?? true;
  }

  private async rebuildIfIncomplete(): Promise<void> {
    if (await this.redis.exists(MARKER)) return;
    const lockToken = randomUUID();
    const locked = await this.redis.set(REBUILD_LOCK, lockToken, 'EX', 30, 'NX');
    if (!locked) return;
    const since = addSeconds(this.clock.now(), -this.ttlSeconds);
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM sessions WHERE revoked_at IS NOT NULL AND revoked_at >= $1`,
      [since],
    );
    await this.add(rows.map((row) => row.id));
    if (await this.redis.eval(COMPLETE_IF_STILL_LOCKED, 2, REBUILD_LOCK, MARKER, lockToken)) {
      this.logger.log(`Revocation set rebuilt with ${rows.length} sessions`);
    }
  }
}
