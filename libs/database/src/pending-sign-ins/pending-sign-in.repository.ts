import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { writeReturning } from '../returning';
import { PendingSignIn } from './pending-sign-in.entity';

/** The pending_sign_ins table (LOGIN-1): sign-ins whose password step passed and whose MFA step is due. */
@Injectable()
export class PendingSignInRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Inserts the pending sign-in only for a user still active, holding a share lock on the user's row as
   * the statement runs (ABUSE-4): a deactivation that committed during the password check leaves no MFA
   * step behind it. False when the user is not active.
   */
  async openForActiveUser(pending: PendingSignIn): Promise<boolean> {
    const opened: unknown[] = await this.db.query(
      `INSERT INTO pending_sign_ins
         (id, user_id, audience, token_hash, enrollment_required, trust_device, status, failed_attempts, created_at, expires_at, first_factor)
       SELECT $1::uuid, id, $3::text, $4::text, $5::boolean, $6::boolean, 'pending', 0, $7::timestamptz, $8::timestamptz, $9::text
       FROM users WHERE id = $2::uuid AND status = 'active' FOR SHARE
       RETURNING id`,
      [
        pending.id,
        pending.userId,
        pending.audience,
        pending.tokenHash,
        pending.enrollmentRequired,
        pending.trustDevice,
        pending.createdAt,
        pending.expiresAt,
        pending.firstFactor,
      ],
    );
    return opened.length > 0;
  }

  findByTokenHash(tokenHash: string): Promise<PendingSignIn | null> {
    return this.db.manager.findOneBy(PendingSignIn, { tokenHash });
  }

  /** Ends every open sign-in of a user (RESET-2, ABUSE-4): their mfaTokens stop working. */
  async revokeAllOfUser(manager: EntityManager, userId: string, at: Date): Promise<void> {
    await manager.query(`UPDATE pending_sign_ins SET status = 'revoked', ended_at = $2 WHERE user_id = $1 AND status = 'pending'`, [
      userId,
      at,
    ]);
  }

  /** ABUSE-3: an existing factor was proven in this sign-in; it may now enroll another. */
  async recordProof(manager: EntityManager, pendingSignInId: string, factorId: string): Promise<void> {
    await manager.query(`UPDATE pending_sign_ins SET proven_factor_id = $2 WHERE id = $1 AND status = 'pending'`, [
      pendingSignInId,
      factorId,
    ]);
  }

  /** Ends the pending sign-in successfully; false if it already ended (a concurrent completion won). */
  async complete(manager: EntityManager, pendingSignInId: string, at: Date): Promise<boolean> {
    const rows = await writeReturning(
      manager,
      `UPDATE pending_sign_ins SET status = 'completed', ended_at = $2 WHERE id = $1 AND status = 'pending' RETURNING id`,
      [pendingSignInId, at],
    );
    return rows.length > 0;
  }
}
