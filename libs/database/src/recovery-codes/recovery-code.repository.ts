import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { writeReturning } from '../returning';
import { RecoveryCode } from './recovery-code.entity';

/** The recovery_codes table (REC-1 to REC-3): at most one live code per user, by keyed hash. */
@Injectable()
export class RecoveryCodeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(manager: EntityManager, code: RecoveryCode): Promise<void> {
    await manager.insert(RecoveryCode, code);
  }

  async voidAll(manager: EntityManager, userId: string, at: Date): Promise<void> {
    await manager.query(`UPDATE recovery_codes SET voided_at = $2 WHERE user_id = $1 AND redeemed_at IS NULL AND voided_at IS NULL`, [
      userId,
      at,
    ]);
  }

  /** Consumes the live code with this hash; one conditional UPDATE, so a code works once under any concurrency (REC-3). */
  async redeem(manager: EntityManager, userId: string, codeHash: string, at: Date): Promise<boolean> {
    const rows = await writeReturning(
      manager,
      `UPDATE recovery_codes SET redeemed_at = $3
       WHERE user_id = $1 AND code_hash = $2 AND redeemed_at IS NULL AND voided_at IS NULL
       RETURNING id`,
      [userId, codeHash, at],
    );
    return rows.length > 0;
  }

  /** When the live code was issued, or null when there is none. */
  async liveIssuedAt(userId: string, manager: EntityManager = this.db.manager): Promise<Date | null> {
    const live = await manager.query(
      `SELECT created_at FROM recovery_codes WHERE user_id = $1 AND redeemed_at IS NULL AND voided_at IS NULL`,
      [userId],
    );
    return live[0]?.created_at ?? null;
  }
}
