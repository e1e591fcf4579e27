import { Inject, Injectable } from '@nestjs/common';
import { Clock, epochSeconds } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generateSecret, verify } from 'otplib';

/** RFC 6238 as every common authenticator app implements it (TOTP-1). */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const SECRET_BYTES = 20;
/** How far a phone's clock may be off before we suggest fixing it instead of saying "wrong code" (TOTP-7). */
const SKEW_HINT_SECONDS = 10 * 60;

export type TotpMatch =
  { kind: 'match'; step: number } | { kind: 'clock_skew'; step: number; offsetSeconds: number } | { kind: 'mismatch' };

/** The RFC 6238 time step of an instant. */
export function currentStep(now: Date): number {
  return Math.floor(epochSeconds(now) / TOTP_PERIOD_SECONDS);
}

/**
 * Checks TOTP codes with otplib on node:crypto, against the server's clock only (TOTP-4, TOTP-7).
 * Matching is not acceptance: the caller still claims the matched step atomically in PostgreSQL.
 */
@Injectable()
export class TotpCodes {
  private readonly crypto = new NodeCryptoPlugin();

  constructor(
    @Inject(CONFIG) private readonly config: SitepassConfig,
    private readonly clock: Clock,
  ) {}

  generateSecret(): string {
    return generateSecret({ length: SECRET_BYTES, crypto: this.crypto });
  }

  /** The Key URI Format that authenticator apps scan (TOTP-2). */
  provisioningUri(email: string, secret: string): string {
    const issuer = this.config.totpIssuer;
    const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(email)}`;
    const query = `secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_PERIOD_SECONDS}`;
    return `otpauth://totp/${label}?${query}`;
  }

  async match(secret: string, code: string): Promise<TotpMatch> {
    if (!/^\d{6}$/.test(code)) return { kind: 'mismatch' };
    const epoch = epochSeconds(this.clock.now());
    const accepted = await this.check(secret, code, epoch, this.config.totpDriftSteps * TOTP_PERIOD_SECONDS);
    const step = currentStep(this.clock.now());
    if (accepted.valid) return { kind: 'match', step: step + accepted.delta };
    const skewed = await this.check(secret, code, epoch, SKEW_HINT_SECONDS);
    if (skewed.valid) return { kind: 'clock_skew', step: step + skewed.delta, offsetSeconds: skewed.delta * TOTP_PERIOD_SECONDS };
    return { kind: 'mismatch' };
  }

  private check(secret: string, token: string, epoch: number, epochTolerance: number) {
    return verify({
      secret,
      token,
      epoch,
      epochTolerance,
      period: TOTP_PERIOD_SECONDS,
      digits: TOTP_DIGITS,
      algorithm: 'sha1',
      crypto: this.crypto,
    });
  }
}
