import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { writeReturning } from '../returning';
import { Factor, FactorRevocationReason } from './factor.entity';

/** The factors table. Every lookup is scoped to its owner: another user's id finds nothing (SEC-3). */
@Injectable()
export class FactorRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findOwn(userId: string, factorId: string, manager: EntityManager = this.db.manager): Promise<Factor | null> {
    return manager.findOneBy(Factor, { id: factorId, userId });
  }

  listLive(userId: string, manager: EntityManager = this.db.manager): Promise<Factor[]> {
    return manager.find(Factor, { where: { userId, status: In(['active', 'pending']) }, order: { createdAt: 'ASC' } });
  }

  /** An active factor with a phone number: where a test message goes (SMS-8). */
  findActivePhone(factorId: string): Promise<Factor | null> {
    return this.db.manager.findOneBy(Factor, { id: factorId, status: 'active', phoneNumber: Not(IsNull()) });
  }

  async insert(manager: EntityManager, factor: Factor): Promise<void> {
    await manager.insert(Factor, factor);
  }

  /** A pending factor becomes active; false if it is no longer pending. */
  async activate(manager: EntityManager, factorId: string, at: Date): Promise<boolean> {
    const rows = await writeReturning(
      manager,
      `UPDATE factors SET status = 'active', activated_at = $2, expires_at = NULL WHERE id = $1 AND status = 'pending' RETURNING id`,
      [factorId, at],
    );
    return rows.length > 0;
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
  ): Promise<Array<{ id: string; type: string }>> {
    return writeReturning(
      manager,
      `UPDATE factors SET status = 'revoked', revoked_at = $2, revoked_reason = $3
       WHERE user_id = $1 AND status IN ('pending', 'active') RETURNING id, type`,
      [userId, now, reason],
    );
  }

  /** Abandons a user's earlier pending enrollments of one type: only the newest can be confirmed. */
  async revokePending(manager: EntityManager, userId: string, type: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE factors SET status = 'revoked', revoked_at = $3, revoked_reason = 'replaced'
       WHERE user_id = $1 AND type = $2 AND status = 'pending'`,
      [userId, type, now],
    );
  }

  /**
   * TOTP-4: a time step is accepted only if it is newer than the last accepted one and was never refused
   * as clock-skewed (ABUSE-6). The conditional UPDATE is the guard: of any number of simultaneous
   * submissions, on any instances, one row update wins.
   */
  async claimStep(manager: EntityManager, factorId: string, step: number): Promise<boolean> {
    const rows = await writeReturning(
      manager,
      `UPDATE factors SET last_used_step = $2
       WHERE id = $1 AND status IN ('pending', 'active') AND (last_used_step IS NULL OR last_used_step < $2) AND NOT ($2 = ANY (refused_steps))
       RETURNING id`,
      [factorId, step],
    );
    return rows.length > 0;
  }

  /** ABUSE-6: keeps a refused step, and forgets the steps older than `oldestAcceptable`, which can never be accepted anyway. */
  async refuseStep(manager: EntityManager, factorId: string, step: number, oldestAcceptable: number): Promise<void> {
    await manager.query(
      `UPDATE factors SET refused_steps = array_append(ARRAY(SELECT kept FROM unnest(refused_steps) AS kept WHERE kept >= $3 AND kept <> $2), $2::bigint)
       WHERE id = $1`,
      [factorId, step, oldestAcceptable],
    );
  }

  /** TOTP-6: up to `limit` sealed secrets still under another key than `currentKeyId`. */
  sealedUnderOlderKeys(
    currentKeyId: string,
    limit: number,
  ): Promise<Array<{ id: string; secret_ciphertext: string; secret_key_id: string }>> {
    return this.db.query(
      `SELECT id, secret_ciphertext, secret_key_id FROM factors
       WHERE secret_ciphertext IS NOT NULL AND secret_key_id <> $1 ORDER BY id LIMIT $2`,
      [currentKeyId, limit],
    );
  }

  /** Rewrites a sealed secret only if nobody changed it meanwhile, so a rotation is safe while the apps run. */
  async reseal(factorId: string, previousCiphertext: string, sealed: { ciphertext: string; keyId: string }): Promise<void> {
    await this.db.query(`UPDATE factors SET secret_ciphertext = $2, secret_key_id = $3 WHERE id = $1 AND secret_ciphertext = $4`, [
      factorId,
      sealed.ciphertext,
      sealed.keyId,
      previousCiphertext,
    ]);
  }
}
