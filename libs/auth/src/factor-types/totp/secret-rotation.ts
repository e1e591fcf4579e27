import { Injectable, Logger } from '@nestjs/common';
import { SecretKeyring } from '@sitepass/common';
import { totpSecretAad } from './totp.authenticator';
import { FactorRepository } from '@sitepass/database';

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
    private readonly factors: FactorRepository,
    private readonly keyring: SecretKeyring,
  ) {}

  async reencryptAll(): Promise<{ reencrypted: number }> {
    let reencrypted = 0;
    const current = this.keyring.currentKeyId;
    for (;;) {
      const rows = await this.factors.sealedUnderOlderKeys(current, BATCH);
      if (rows.length === 0) break;
      for (const row of rows) {
        const aad = totpSecretAad(row.id);
        const secret = this.keyring.open({ keyId: row.secret_key_id, ciphertext: row.secret_ciphertext }, aad);
        const sealed = this.keyring.seal(secret, aad);
        await this.factors.reseal(row.id, row.secret_ciphertext, sealed);
        reencrypted += 1;
      }
    }
    this.logger.log(`Re-encrypted ${reencrypted} secrets under key "${current}"`);
    return { reencrypted };
  }
}
