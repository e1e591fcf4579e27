import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { writeReturning } from '../returning';

export interface NewEnrollmentEmailProof {
  factorId: string;
  userId: string;
  codeHash: string;
  codeCiphertext: string;
  codeKeyId: string;
  deliveryId: string;
  createdAt: Date;
  expiresAt: Date;
}

/** A proof as the enrollment sees it again: never its code. */
export interface EnrollmentEmailProofState {
  attempts: number;
  expiresAt: Date;
  usedAt: Date | null;
}

/**
 * The enrollment_email_proofs table (ABUSE-16): the code emailed to the account when a sign-in enrolls its
 * first factor. Tries and spending are conditional UPDATEs, so they hold for parallel requests on any instance.
 */
@Injectable()
export class EnrollmentEmailProofRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(manager: EntityManager, proof: NewEnrollmentEmailProof): Promise<void> {
    await manager.query(
      `INSERT INTO enrollment_email_proofs (factor_id, user_id, code_hash, code_ciphertext, code_key_id, delivery_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        proof.factorId,
        proof.userId,
        proof.codeHash,
        proof.codeCiphertext,
        proof.codeKeyId,
        proof.deliveryId,
        proof.createdAt,
        proof.expiresAt,
      ],
    );
  }

  async findState(factorId: string): Promise<EnrollmentEmailProofState | null> {
    const [row]: Array<{ attempts: number; expires_at: Date; used_at: Date | null }> = await this.db.query(
      `SELECT attempts, expires_at, used_at FROM enrollment_email_proofs WHERE factor_id = $1`,
      [factorId],
    );
    return row ? { attempts: row.attempts, expiresAt: row.expires_at, usedAt: row.used_at } : null;
  }

  /**
   * Takes one try of an unspent, unexpired proof before its code is compared, and answers the hash to compare
   * with and the tries now taken; null when none is left. One statement: of parallel guesses on any instance,
   * no more than `maxTries` are ever compared.
   */
  async takeTry(factorId: string, now: Date, maxTries: number): Promise<{ codeHash: string; attempts: number } | null> {
    const [row] = await writeReturning<{ code_hash: string; attempts: number }>(
      this.db.manager,
      `UPDATE enrollment_email_proofs SET attempts = attempts + 1
       WHERE factor_id = $1 AND used_at IS NULL AND expires_at > $2 AND attempts < $3 RETURNING code_hash, attempts`,
      [factorId, now, maxTries],
    );
    return row ? { codeHash: row.code_hash, attempts: row.attempts } : null;
  }

  /** Spends the proof in the transaction that activates its factor: of two confirmations, one wins. */
  async spend(manager: EntityManager, factorId: string, now: Date): Promise<boolean> {
    const rows = await writeReturning(
      manager,
      `UPDATE enrollment_email_proofs SET used_at = $2, code_ciphertext = NULL
       WHERE factor_id = $1 AND used_at IS NULL AND expires_at > $2 RETURNING factor_id`,
      [factorId, now],
    );
    return rows.length === 1;
  }

  /** The sealed code the worker may still send: this delivery's, unspent, unexpired, for a pending factor. */
  async findDeliverableCode(
    factorId: string,
    deliveryId: string,
    now: Date,
  ): Promise<{ codeCiphertext: string; codeKeyId: string } | null> {
    const [row]: Array<{ code_ciphertext: string; code_key_id: string }> = await this.db.query(
      `SELECT p.code_ciphertext, p.code_key_id FROM enrollment_email_proofs p JOIN factors f ON f.id = p.factor_id
       WHERE p.factor_id = $1 AND p.delivery_id = $2 AND p.used_at IS NULL AND p.expires_at > $3
         AND p.code_ciphertext IS NOT NULL AND f.status = 'pending'`,
      [factorId, deliveryId, now],
    );
    return row ? { codeCiphertext: row.code_ciphertext, codeKeyId: row.code_key_id } : null;
  }

  /** Once delivered, the code exists only as its hash. */
  async eraseCode(factorId: string): Promise<void> {
    await this.db.query(`UPDATE enrollment_email_proofs SET code_ciphertext = NULL WHERE factor_id = $1`, [factorId]);
  }

  /** Codes past their expiry that were never delivered (a failed delivery): nothing may read them any more. */
  async eraseExpiredCodes(now: Date): Promise<void> {
    await this.db.query(`UPDATE enrollment_email_proofs SET code_ciphertext = NULL WHERE code_ciphertext IS NOT NULL AND expires_at < $1`, [
      now,
    ]);
  }
}
