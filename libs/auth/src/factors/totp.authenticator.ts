import { Injectable } from '@nestjs/common';
import { SecretKeyring } from '@sitepass/common';
import { writeReturning } from '@sitepass/database';
import { EntityManager } from 'typeorm';
import { Factor } from './factor.entity';
import { CodeCheck, FactorAuthenticator } from './factor-authenticator';
import { TotpCodes } from './totp-codes';

/** The associated data that binds a sealed TOTP secret to its factor row (TOTP-6). */
export const totpSecretAad = (factorId: string) => `factor:${factorId}:totp-secret`;

/** Authenticator-app factors: nothing to send; a code is checked against the decrypted secret. */
@Injectable()
export class TotpAuthenticator implements FactorAuthenticator {
  readonly type = 'totp' as const;
  readonly amr = 'otp' as const;

  constructor(
    private readonly codes: TotpCodes,
    private readonly keyring: SecretKeyring,
  ) {}

  async prepareChallenge(): Promise<void> {
    // The app already shows the code.
  }

  async check(_challenge: unknown, factor: Factor, code: string): Promise<CodeCheck> {
    const secret = this.keyring.open({ keyId: factor.secretKeyId!, ciphertext: factor.secretCiphertext! }, totpSecretAad(factor.id));
    const match = await this.codes.match(secret, code);
    if (match.kind === 'clock_skew') {
      return {
        kind: 'mismatch',
        code: 'clock_skew_suspected',
        details: {
          estimatedOffsetSeconds: match.offsetSeconds,
          advice: 'Your device clock looks off. Set its date and time to automatic (network time), then try a new code.',
        },
      };
    }
    if (match.kind === 'mismatch') return { kind: 'mismatch', code: 'verification_failed' };
    return { kind: 'match', claim: (manager) => this.claimStep(manager, factor.id, match.step) };
  }

  /**
   * TOTP-4: a code is accepted only if its step is newer than the last accepted one. The conditional
   * UPDATE is the guard: of any number of simultaneous submissions, on any instances, one row update wins.
   */
  private async claimStep(manager: EntityManager, factorId: string, step: number): Promise<boolean> {
    const rows = await writeReturning(
      manager,
      `UPDATE factors SET last_used_step = $2
       WHERE id = $1 AND status IN ('pending', 'active') AND (last_used_step IS NULL OR last_used_step < $2)
       RETURNING id`,
      [factorId, step],
    );
    return rows.length > 0;
  }
}
