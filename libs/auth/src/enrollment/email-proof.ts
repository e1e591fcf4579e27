import { Inject, Injectable } from '@nestjs/common';
import { addSeconds, Clock, KeyedHasher, randomDigits, SecretKeyring } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { AuditEventRepository, EnrollmentEmailProofRepository, Factor, User } from '@sitepass/database';
import { phrase } from '@sitepass/i18n';
import { enrollmentEmailCodeAad, OutboxWriter } from '@sitepass/messaging';
import { EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain.error';
import { RateLimiter } from '../limits/rate-limiter';
import { Caller } from '../sign-in/caller';

/** ABUSE-16: the emailed code is good for 10 minutes and 5 tries. */
export const EMAIL_PROOF_LIFETIME_SECONDS = 10 * 60;
export const EMAIL_PROOF_MAX_TRIES = 5;
/** Starting an enrollment sends an email: a password holder may not flood the account's owner with them. */
export const ENROLLMENT_EMAILS_PER_HOUR = 5;
const CODE_PURPOSE = 'enrollment-email-code';

/** "j•••@example.com": enough for its owner to recognise, too little to learn the address from. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}•••${email.slice(at)}`;
}

/** What an enrollment that needs the email proof tells its client (the API's answer, the pages' field). */
export interface EmailProofNotice {
  emailProofRequired: true;
  maskedEmail: string;
}

/**
 * ABUSE-16: a password alone must not claim an account that has no factor yet by enrolling the attacker's own
 * phone. The first factor enrolled inside a sign-in is confirmed with the factor's code and a 6-digit code
 * emailed to the account: kept as a keyed hash to check it and sealed for the worker only, sent through the
 * outbox in the transaction that creates the pending factor, tried at most 5 times and spent with the
 * activation. `ENROLLMENT_EMAIL_PROOF=off` turns it off.
 */
@Injectable()
export class EnrollmentEmailProof {
  constructor(
    @Inject(CONFIG) private readonly config: SitepassConfig,
    private readonly proofs: EnrollmentEmailProofRepository,
    private readonly hasher: KeyedHasher,
    private readonly keyring: SecretKeyring,
    private readonly outbox: OutboxWriter,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditEventRepository,
    private readonly clock: Clock,
  ) {}

  /** Inside a sign-in, for a user with no active factor now (a new user, or one an admin reset). */
  isRequired(caller: Caller, activeFactors: readonly Factor[]): boolean {
    return this.config.enrollmentEmailProof === 'required' && caller.kind === 'sign_in' && activeFactors.length === 0;
  }

  /**
   * Takes one email from the user's hourly allowance before the enrollment is created (`429 too_many_attempts`
   * once spent); `work` creates it, and an enrollment that fails gives its email back.
   */
  async admitting<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const rule = { key: `enrollment-emails:${userId}`, limit: ENROLLMENT_EMAILS_PER_HOUR, windowSeconds: 60 * 60 };
    const verdict = await this.limiter.reserve([rule]);
    if (!verdict.admitted) {
      const { retryAfterSeconds } = verdict;
      throw DomainError.of('error.too_many_attempts.enrollment_emails', { retryAfterSeconds }, { retryAfterSeconds });
    }
    return work().catch(async (error: unknown) => {
      await verdict.release(rule);
      throw error;
    });
  }

  /** A fresh code for the pending factor, and its email, in the transaction that creates the factor. */
  async issue(manager: EntityManager, factor: Factor, user: User): Promise<EmailProofNotice> {
    const now = this.clock.now();
    const code = randomDigits(6);
    const sealed = this.keyring.seal(code, enrollmentEmailCodeAad(factor.id));
    const delivery = await this.outbox.add(manager, {
      kind: 'email',
      purpose: 'enrollment_email_code',
      userId: user.id,
      factorId: factor.id,
    });
    await this.proofs.insert(manager, {
      factorId: factor.id,
      userId: user.id,
      codeHash: this.hasher.hash(CODE_PURPOSE, `${factor.id}:${code}`),
      codeCiphertext: sealed.ciphertext,
      codeKeyId: sealed.keyId,
      deliveryId: delivery.id,
      createdAt: now,
      expiresAt: addSeconds(now, EMAIL_PROOF_LIFETIME_SECONDS),
    });
    return { emailProofRequired: true, maskedEmail: maskEmail(user.email) };
  }

  /** What a pending enrollment's client is told again: whether it needs the emailed code, and where it went. */
  async describe(factor: Factor, user: User): Promise<EmailProofNotice | null> {
    const state = await this.proofs.findState(factor.id);
    return state ? { emailProofRequired: true, maskedEmail: maskEmail(user.email) } : null;
  }

  /**
   * Checks the emailed code of an enrollment that needs one, before the factor's own code, so that a wrong
   * email code costs neither a TOTP step nor an SMS code. A try is taken before the code is compared: of any
   * number of parallel guesses, at most 5 are compared. True when the enrollment needs the proof (it is then
   * spent with the activation, see `spend`).
   */
  async check(factor: Factor, emailCode: string | undefined): Promise<boolean> {
    if (!(await this.proofs.findState(factor.id))) return false;
    if (!emailCode) throw DomainError.validation([{ field: 'emailCode', problem: phrase('validation.email_code_required') }]);
    const taken = await this.proofs.takeTry(factor.id, this.clock.now(), EMAIL_PROOF_MAX_TRIES);
    if (!taken) throw DomainError.of('error.email_code_expired');
    if (!this.hasher.matches(CODE_PURPOSE, `${factor.id}:${emailCode}`, taken.codeHash)) {
      const attemptsLeft = EMAIL_PROOF_MAX_TRIES - taken.attempts;
      await this.audit.record({
        type: 'mfa.failed',
        subjectUserId: factor.userId,
        data: { factorType: factor.type, reason: 'email_code_invalid', attemptsLeft },
      });
      throw DomainError.of('error.email_code_invalid', { attemptsLeft });
    }
    return true;
  }

  /** Single use: spent in the transaction that activates the factor; of two confirmations, the second is refused. */
  async spend(manager: EntityManager, factor: Factor): Promise<void> {
    if (!(await this.proofs.spend(manager, factor.id, this.clock.now()))) throw DomainError.of('error.email_code_expired');
  }
}
