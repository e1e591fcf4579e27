import { Inject, Injectable } from '@nestjs/common';
import { Clock, SecretKeyring } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { Factor, FactorRepository } from '@sitepass/database';
import { phrase } from '@sitepass/i18n';
import { EntityManager } from 'typeorm';
import { CodeProofDto } from '../code-proof.dto';
import { CodeCheck, EnrollmentContext, FactorAuthenticator, FactorPayload, PreparedEnrollment } from '../factor-authenticator';
import { renderQrCodes } from './qr-code';
import { TotpEnrollmentAnswer } from './totp.dto';
import { currentStep, TotpCodes } from './totp-codes';

/** The associated data that binds a sealed TOTP secret to its factor row (TOTP-6). */
export const totpSecretAad = (factorId: string) => `factor:${factorId}:totp-secret`;

/** Enrolling an authenticator app needs no field beyond the type (TOTP-2). */
export class TotpEnrollmentPayload {}

/**
 * Authenticator-app factors (TOTP-1 to TOTP-7): the secret is generated and shown once, sealed to its
 * factor; nothing is sent; a code is checked against the decrypted secret.
 */
@Injectable()
export class TotpAuthenticator implements FactorAuthenticator {
  static readonly type = 'totp' as const;
  static readonly enrollmentPayload = TotpEnrollmentPayload;
  static readonly proofPayload = CodeProofDto;
  static readonly enrollmentAnswer = TotpEnrollmentAnswer;

  readonly type = TotpAuthenticator.type;
  readonly amr = 'otp' as const;
  readonly sendsCode = false;
  /** REC-2: a new authenticator app comes with a new recovery code. */
  readonly reissuesRecoveryCodeOnReplace = true;
  /** TOTP-5: one app at a time; a new one replaces it. */
  readonly severalPerUser = false;

  private readonly codes: TotpCodes;

  constructor(
    private readonly keyring: SecretKeyring,
    private readonly factors: FactorRepository,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: SitepassConfig,
  ) {
    this.codes = new TotpCodes(config, clock);
  }

  /** TOTP-2: the secret, the otpauth URI and its QR code, shown once; the secret is sealed to its factor (TOTP-6). */
  async prepareEnrollment({ user }: EnrollmentContext): Promise<PreparedEnrollment> {
    const secret = this.codes.generateSecret();
    return {
      columns: (factorId) => {
        const sealed = this.keyring.seal(secret, totpSecretAad(factorId));
        return { secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId };
      },
      present: async () => {
        const otpauthUri = this.codes.provisioningUri(user.email, secret);
        const qr = await renderQrCodes(otpauthUri);
        return {
          secret,
          secretGrouped: secret.match(/.{1,4}/g)!.join(' '),
          otpauthUri,
          qrCodePngDataUrl: qr.pngDataUrl,
          qrCodeSvg: qr.svg,
        } satisfies TotpEnrollmentAnswer;
      },
    };
  }

  async prepareChallenge(): Promise<void> {
    // The app already shows the code.
  }

  async check(_challenge: unknown, factor: Factor, proof: FactorPayload): Promise<CodeCheck> {
    const secret = this.keyring.open({ keyId: factor.secretKeyId!, ciphertext: factor.secretCiphertext! }, totpSecretAad(factor.id));
    const match = await this.codes.match(secret, String(proof.code ?? ''));
    if (match.kind === 'clock_skew') return this.skewed(factor, match.step, match.offsetSeconds);
    if (match.kind === 'mismatch') return { kind: 'mismatch', code: 'verification_failed' };
    return { kind: 'match', claim: (manager) => this.claimStep(manager, factor.id, match.step) };
  }

  /**
   * TOTP-7, ABUSE-6: the person is told which way their clock is off, in whole minutes only: the exact
   * offset would tell a guesser which step a guessed code belongs to. The refused step is kept on the
   * factor, so a code that matches a future step is never accepted when that step comes.
   */
  private skewed(factor: Factor, step: number, offsetSeconds: number): CodeCheck {
    const minutes = Math.max(1, Math.round(Math.abs(offsetSeconds) / 60));
    const direction = offsetSeconds > 0 ? 'ahead' : 'behind';
    return {
      kind: 'mismatch',
      code: 'clock_skew_suspected',
      message: phrase('error.clock_skew_suspected', { minutes, direction }),
      details: {
        clockOffset: { direction, minutes },
        estimatedOffsetSeconds: (direction === 'ahead' ? 60 : -60) * minutes,
        advice: phrase('error.clock_skew_suspected.advice'),
      },
      // A step behind the window never comes back into it; a step ahead of it will.
      ...(direction === 'ahead' ? { spend: (manager: EntityManager) => this.refuseStep(manager, factor.id, step) } : {}),
    };
  }

  /**
   * TOTP-4: a code is accepted only if its step is newer than the last accepted one and was never refused
   * as clock-skewed. The conditional UPDATE is the guard: of any number of simultaneous submissions, on any
   * instances, one row update wins.
   */
  private claimStep(manager: EntityManager, factorId: string, step: number): Promise<boolean> {
    return this.factors.claimStep(manager, factorId, step);
  }

  /** Keeps the refused step, and forgets steps that can no longer be accepted anyway. */
  private refuseStep(manager: EntityManager, factorId: string, step: number): Promise<void> {
    return this.factors.refuseStep(manager, factorId, step, currentStep(this.clock.now()) - this.config.totpDriftSteps);
  }
}
