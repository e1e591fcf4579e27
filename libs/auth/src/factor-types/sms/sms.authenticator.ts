import { Injectable } from '@nestjs/common';
import { addSeconds, Clock, KeyedHasher, randomDigits, requestContext, SecretKeyring } from '@sitepass/common';
import { Challenge, ChallengeRepository, Factor } from '@sitepass/database';
import { OutboxWriter, smsCodeAad } from '@sitepass/messaging';
import { phrase } from '@sitepass/i18n';
import { EntityManager } from 'typeorm';
import { SMS_COOLDOWN_SECONDS } from '../../limits/sms-quota';
import { SmsGate } from '../../limits/sms-gate';
import { SmsPrefixGuard } from '../../limits/sms-prefix-guard';
import { DomainError } from '../../errors/domain.error';
import { maskPhoneNumber } from '../../factors/factor-summary';
import { CodeProofDto } from '../code-proof.dto';
import { CodeCheck, EnrollmentContext, FactorAuthenticator, FactorPayload, PreparedEnrollment } from '../factor-authenticator';
import { countryOf, parseMobileNumber } from './phone-number';
import { SmsEnrollmentAnswer, SmsEnrollmentPayload } from './sms.dto';

/** An SMS code is good for 10 minutes (SMS-2). */
export const SMS_CODE_LIFETIME_SECONDS = 10 * 60;
const CODE_PURPOSE = 'sms-code';

/**
 * SMS factors (SMS-2, SMS-3): each challenge, and each resend, gets a new 6-digit code from the CSPRNG.
 * The code is kept as a keyed hash to check it, and sealed for the worker only until it is delivered or
 * expires; the outbox row that carries it is written in the same transaction.
 */
@Injectable()
export class SmsAuthenticator implements FactorAuthenticator {
  static readonly type = 'sms' as const;
  static readonly enrollmentPayload = SmsEnrollmentPayload;
  static readonly proofPayload = CodeProofDto;
  static readonly enrollmentAnswer = SmsEnrollmentAnswer;

  readonly type = SmsAuthenticator.type;
  readonly amr = 'sms' as const;
  readonly sendsCode = true;
  readonly reissuesRecoveryCodeOnReplace = false;
  /** SMS-9: one number at a time; a new one replaces it. */
  readonly severalPerUser = false;

  /** SMS-1, SMS-9: a mobile number in an allowed country; its code goes out with the enrollment's challenge. */
  async prepareEnrollment({ payload, requirement }: EnrollmentContext): Promise<PreparedEnrollment> {
    if (typeof payload.phoneNumber !== 'string') {
      throw DomainError.validation([{ field: 'phoneNumber', problem: phrase('validation.phone_number_required') }]);
    }
    const phone = parseMobileNumber(payload.phoneNumber, requirement.smsCountries);
    return {
      columns: () => ({ phoneNumber: phone.e164 }),
      present: async (_factor, challenge) =>
        ({
          challengeId: challenge.id,
          maskedPhoneNumber: maskPhoneNumber(phone.e164),
          codeExpiresAt: challenge.expiresAt.toISOString(),
          resendAvailableAt: challenge.resendAvailableAt!.toISOString(),
        }) satisfies SmsEnrollmentAnswer,
    };
  }

  constructor(
    private readonly hasher: KeyedHasher,
    private readonly keyring: SecretKeyring,
    private readonly outbox: OutboxWriter,
    private readonly gate: SmsGate,
    private readonly prefixGuard: SmsPrefixGuard,
    private readonly challenges: ChallengeRepository,
    private readonly clock: Clock,
  ) {}

  /** Sends a fresh code for the challenge: used at issue and at every resend (a resend voids the older code). */
  async prepareChallenge(challenge: Challenge, factor: Factor, manager: EntityManager): Promise<void> {
    const phoneNumber = factor.phoneNumber!;
    await this.gate.admit({
      userId: factor.userId,
      phoneNumber,
      country: countryOf(phoneNumber),
      ip: requestContext.current()?.ip ?? null,
    });
    const now = this.clock.now();
    const code = randomDigits(6);
    const sealed = this.keyring.seal(code, smsCodeAad(challenge.id));
    await this.outbox.cancelPendingForChallenge(manager, challenge.id);
    const delivery = await this.outbox.add(manager, {
      kind: 'sms',
      purpose: 'challenge_code',
      userId: factor.userId,
      challengeId: challenge.id,
      factorId: factor.id,
    });
    Object.assign(challenge, {
      codeHash: this.hasher.hash(CODE_PURPOSE, `${challenge.id}:${code}`),
      codeCiphertext: sealed.ciphertext,
      codeKeyId: sealed.keyId,
      deliveryId: delivery.id,
      lastSentAt: now,
      resendAvailableAt: addSeconds(now, SMS_COOLDOWN_SECONDS),
      expiresAt: addSeconds(now, SMS_CODE_LIFETIME_SECONDS),
    });
    await this.challenges.storeCode(manager, challenge);
  }

  /** SMS-10: a verified code is what makes a prefix's traffic look legitimate. */
  afterVerification(factor: Factor): Promise<void> {
    return this.prefixGuard.countVerification(factor.phoneNumber!);
  }

  async check(challenge: Challenge, _factor: Factor, proof: FactorPayload): Promise<CodeCheck> {
    const code = String(proof.code ?? '');
    if (!challenge.codeHash || !this.hasher.matches(CODE_PURPOSE, `${challenge.id}:${code}`, challenge.codeHash)) {
      return { kind: 'mismatch', code: 'verification_failed' };
    }
    const codeHash = challenge.codeHash;
    return {
      kind: 'match',
      // Single use: only the request that clears the hash it matched wins (SMS-2).
      claim: (manager) => this.challenges.claimCode(manager, challenge.id, codeHash),
    };
  }
}
