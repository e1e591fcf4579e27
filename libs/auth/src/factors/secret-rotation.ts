import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SecretKeyring } from '@sitepass/common';
import { DataSource } from 'typeorm';
import { totpSecretAad } from './totp.authenticator';

const BATCH = 500;

/**
 * TOTP-6: re-seals every TOTP secret still under an older key with the newest key of the ring. Run it
 * after adding a key in front of ENCRYPTION_KEYS; once it reports nothing left, the old key can go.
 * Each row is rewritten only if nobody changed it meanwhile, so it is safe while the apps run.
 */
@Injectable()
export class SecretRotation {
  private readonly logger = new Logger(SecretRotation.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keyring: SecretKeyring,
  ) {}

  async reencryptAll(): Promise<{ reencrypted: number }> {
    let reencrypted = 0;
    const current = this.keyring.currentKeyId;
    for (;;) {
      const rows: Array<{ id: string; secret_ciphertext: string; secret_key_id: string }> = await this.db.query(
        `SELECT id, secret_ciphertext, secret_key_id FROM factors
         WHERE secret_ciphertext IS NOT NULL AND secret_key_id <> $1 ORDER BY id LIMIT $2`,
        [current, BATCH],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const aad = totpSecretAad(row.id);
        const secret = this.keyring.open({ keyId: row.secret_key_id, ciphertext: row.secret_ciphertext }, aad);
        const sealed = this.keyring.seal(secret, aad);
        await this.db.query(`UPDATE factors SET secret_ciphertext = $2, secret_key_id = $3 WHERE id = $1 AND secret_ciphertext = $4`, [
          row.id,
          sealed.ciphertext,
          sealed.keyId,
          row.secret_ciphertext,
        ]);
        reencrypted += 1;
      }
    }
    this.logger.log(`Re-encrypted ${reencrypted} secrets under key "${current}"`);
    return { reencrypted };
  }
}
