import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { entityFromJson } from '../json-rows';
import { writeReturning } from '../returning';
import { AuthorizationCode } from './authorization-code.entity';

/** The authorization_codes table (WEB-2). */
@Injectable()
export class AuthorizationCodeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(code: AuthorizationCode): Promise<void> {
    await this.db.manager.insert(AuthorizationCode, code);
  }

  /**
   * Spends the code if it is unused and unexpired: one conditional UPDATE, so of any number of exchanges at
   * once, on any instance, one gets the code. Null for the others, and for an unknown or expired code.
   */
  async redeem(manager: EntityManager, codeHash: string, now: Date): Promise<AuthorizationCode | null> {
    const rows = await writeReturning(
      manager,
      `UPDATE authorization_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING to_jsonb(authorization_codes) AS row`,
      [codeHash, now],
    );
    const row = (rows[0] as { row: Record<string, unknown> } | undefined)?.row;
    return row ? entityFromJson(manager, AuthorizationCode, row) : null;
  }

  /** The code if it was already spent: presenting it again is a replay. */
  findSpent(codeHash: string): Promise<AuthorizationCode | null> {
    return this.db.manager.findOne(AuthorizationCode, { where: { codeHash } }).then((code) => (code?.usedAt ? code : null));
  }

  async recordSession(manager: EntityManager, codeHash: string, sessionId: string): Promise<void> {
    await manager.update(AuthorizationCode, { codeHash }, { sessionId });
  }

  /** Codes a day past their expiry: nothing can use or replay them any more. */
  async eraseExpired(now: Date): Promise<void> {
    await this.db.query(`DELETE FROM authorization_codes WHERE expires_at < $1::timestamptz - interval '1 day'`, [now]);
  }
}
