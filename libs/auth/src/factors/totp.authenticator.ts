import { Inject, Injectable } from '@nestjs/common';
import { Clock, SecretKeyring } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { Factor, FactorRepository } from '@sitepass/database';
import { EntityManager } from 'typeorm';
import { CodeCheck, FactorAuthenticator } from './factor-authenticator';
import { currentStep, TotpCodes } from './totp-codes';

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
    private readonly factors: FactorRepository,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: SitepassConfig,
  ) {}

  async prepareChallenge(): Promise<void> {
    // The app already shows the code.
  }

  async check(_challenge: unknown, factor: Factor, code: string): Promise<CodeCheck> {
    const secret = this.keyring.open({ keyId: factor.secretKeyId!, ciphertext: factor.secretCiphertext! }, totpSecretAad(factor.id));
    const match = await this.codes.match(secret, code);
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
      message: `The code does not match the current time: your device clock seems about ${minutes} minute${minutes === 1 ? '' : 's'} ${direction}.`,
      details: {
        clockOffset: { direction, minutes },
        estimatedOffsetSeconds: (direction === 'ahead' ? 60 : -60) * minutes,
        advice: 'Your device clock looks off. Set its date and time to automatic (network time), then try a new code.',
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
  /** Keeps the refused step, and forgets steps that can no longer be accepted anyway. */
  private refuseStep(manager: EntityManager, factorId: string, step: number): Promise<void> {
    return this.factors.refuseStep(manager, factorId, step, currentStep(this.clock.now()) - this.config.totpDriftSteps);
  }
}
