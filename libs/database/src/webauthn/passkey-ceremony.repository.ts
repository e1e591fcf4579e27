import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { writeReturning } from '../returning';
import { Audience } from '../sessions/assurance';

/** The passkey_ceremonies table: the challenges of passwordless sign-ins, which name no user (PASSKEY-3). */
@Injectable()
export class PasskeyCeremonyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async open(ceremony: { id: string; audience: Audience; challenge: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.db.query(`INSERT INTO passkey_ceremonies (id, audience, challenge, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
      ceremony.id,
      ceremony.audience,
      ceremony.challenge,
      ceremony.createdAt,
      ceremony.expiresAt,
    ]);
  }

  /**
   * Spends a ceremony of this product that is unused and unexpired, and answers its challenge: one conditional
   * UPDATE, so of any number of answers at once, on any instance, one is checked. Null for the others.
   */
  async spend(id: string, audience: Audience, now: Date): Promise<string | null> {
    const rows = await writeReturning<{ challenge: string }>(
      this.db.manager,
      `UPDATE passkey_ceremonies SET used_at = $3
       WHERE id = $1 AND audience = $2 AND used_at IS NULL AND expires_at > $3 RETURNING challenge`,
      [id, audience, now],
    );
    return rows[0]?.challenge ?? null;
  }

  /** Ceremonies past their expiry: nothing can answer them any more. */
  async eraseExpired(now: Date): Promise<void> {
    await this.db.query(`DELETE FROM passkey_ceremonies WHERE expires_at < $1`, [now]);
  }
}
