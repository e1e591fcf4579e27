import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The used_id_token_nonces table: the replay guard of Pay's SSO sign-in (PAY-11). */
@Injectable()
export class UsedNonceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Spends an ID token's nonce (a digest of issuer and nonce) until the token expires: true the first time,
   * false for every later use, whichever instance sees it, however many arrive at once.
   */
  async spendNonce(digest: string, expiresAt: Date): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO used_id_token_nonces (digest, expires_at) VALUES ($1, $2) ON CONFLICT (digest) DO NOTHING RETURNING digest`,
      [digest, expiresAt],
    );
    return rows.length > 0;
  }

  /** Spent nonces whose tokens have expired: a replay of them is refused for its expiry anyway. */
  async eraseSpentNonces(now: Date): Promise<void> {
    await this.db.query(`DELETE FROM used_id_token_nonces WHERE expires_at < $1`, [now]);
  }
}
