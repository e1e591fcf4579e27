import { Injectable } from '@nestjs/common';
import { Clock, KeyedHasher } from '@sitepass/common';
import { RecoveryCode, writeReturning } from '@sitepass/database';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { formatRecoveryCode, generateRecoveryCode, normalizeRecoveryCode } from './recovery-code.format';

const PURPOSE = 'recovery-code';

export interface RecoveryCodeStatus {
  available: boolean;
  issuedAt: string | null;
}

/** Recovery codes (REC-1 to REC-3): one live code per account, by keyed hash, single use. */
@Injectable()
export class RecoveryCodeService {
  constructor(
    private readonly hasher: KeyedHasher,
    private readonly clock: Clock,
  ) {}

  /** Voids every earlier code and returns the new one, formatted, to show once (REC-2). */
  async issue(userId: string, manager: EntityManager): Promise<string> {
    const now = this.clock.now();
    await this.voidAll(userId, manager);
    const code = generateRecoveryCode();
    await manager.insert(RecoveryCode, {
      id: randomUUID(),
      userId,
      codeHash: this.hasher.hash(PURPOSE, code),
      createdAt: now,
      redeemedAt: null,
      voidedAt: null,
    });
    return formatRecoveryCode(code);
  }

  async voidAll(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE recovery_codes SET voided_at = $2 WHERE user_id = $1 AND redeemed_at IS NULL AND voided_at IS NULL`, [
      userId,
      this.clock.now(),
    ]);
  }

  /** Consumes the live code if it matches; one conditional UPDATE, so a code works once under any concurrency (REC-3). */
  async redeem(userId: string, input: string, manager: EntityManager): Promise<boolean> {
    const code = normalizeRecoveryCode(input);
    if (!code) return false;
    const rows = await writeReturning(
      manager,
      `UPDATE recovery_codes SET redeemed_at = $3
       WHERE user_id = $1 AND code_hash = $2 AND redeemed_at IS NULL AND voided_at IS NULL
       RETURNING id`,
      [userId, this.hasher.hash(PURPOSE, code), this.clock.now()],
    );
    return rows.length > 0;
  }

  async status(userId: string, manager: EntityManager): Promise<RecoveryCodeStatus> {
    const live = await manager.query(
      `SELECT created_at FROM recovery_codes WHERE user_id = $1 AND redeemed_at IS NULL AND voided_at IS NULL`,
      [userId],
    );
    return { available: live.length > 0, issuedAt: live[0]?.created_at?.toISOString() ?? null };
  }
}
