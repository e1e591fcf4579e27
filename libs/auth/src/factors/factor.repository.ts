import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Factor, FactorRevocationReason, FactorType, writeReturning } from '@sitepass/database';
import { DataSource, EntityManager, In } from 'typeorm';

/** Factor queries. Every lookup is scoped to its owner: another user's id finds nothing (SEC-3). */
@Injectable()
export class FactorRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findOwn(userId: string, factorId: string, manager: EntityManager = this.db.manager): Promise<Factor | null> {
    return manager.findOneBy(Factor, { id: factorId, userId });
  }

  listLive(userId: string, manager: EntityManager = this.db.manager): Promise<Factor[]> {
    return manager.find(Factor, { where: { userId, status: In(['active', 'pending']) }, order: { createdAt: 'ASC' } });
  }

  activeOfType(userId: string, type: FactorType, manager: EntityManager = this.db.manager): Promise<Factor | null> {
    return manager.findOneBy(Factor, { userId, type, status: 'active' });
  }

  /** Revokes the given factors if still live; returns the ids it revoked. */
  async revoke(manager: EntityManager, factorIds: string[], reason: FactorRevocationReason, now: Date): Promise<string[]> {
    if (factorIds.length === 0) return [];
    const rows = await writeReturning<{ id: string }>(
      manager,
      `UPDATE factors SET status = 'revoked', revoked_at = $2, revoked_reason = $3
       WHERE id = ANY($1) AND status IN ('pending', 'active') RETURNING id`,
      [factorIds, now, reason],
    );
    return rows.map((row) => row.id);
  }

  /** Revokes every pending or active factor of a user (RESET-2); returns what it revoked. */
  revokeAllOfUser(
    manager: EntityManager,
    userId: string,
    reason: FactorRevocationReason,
    now: Date,
  ): Promise<Array<{ id: string; type: FactorType }>> {
    return writeReturning(
      manager,
      `UPDATE factors SET status = 'revoked', revoked_at = $2, revoked_reason = $3
       WHERE user_id = $1 AND status IN ('pending', 'active') RETURNING id, type`,
      [userId, now, reason],
    );
  }

  /** Abandons a user's earlier pending enrollments of one type: only the newest can be confirmed. */
  async revokePending(manager: EntityManager, userId: string, type: FactorType, now: Date): Promise<void> {
    await manager.query(
      `UPDATE factors SET status = 'revoked', revoked_at = $3, revoked_reason = 'replaced'
       WHERE user_id = $1 AND type = $2 AND status = 'pending'`,
      [userId, type, now],
    );
  }
}
