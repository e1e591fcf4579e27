import {
  AuditEventRepository,
  Challenge,
  ChallengeRepository,
  Factor,
  FactorRepository,
  FactorType,
  isSsoUser,
  PendingSignIn,
  UserRepository,
} from '@sitepass/database';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addSeconds, Clock, SecretKeyring } from '@sitepass/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ChallengeService } from '../challenges/challenge.service';
import { DomainError } from '../errors/domain.error';
import { maskPhoneNumber, summarizeFactor } from '../factors/factor-summary';
import { parseMobileNumber } from '../factors/phone-number';
import { SelfServiceCheck } from '../factors/self-service-check';
import { renderQrCodes } from '../factors/qr-code';
import { TotpCodes } from '../factors/totp-codes';
import { totpSecretAad } from '../factors/totp.authenticator';
import { Caller } from '../sign-in/caller';
import { usableFactors } from '../sign-in/usable-factors';
import { MfaRequirement, PRODUCT_POLICY, ProductPolicy, SubjectFacts } from '../sign-in/product-policy';
import { SubjectFactsLoader } from '../sign-in/subject-facts.loader';
import { ConfirmedEnrollment, EnrollmentRequest, StartedEnrollment } from './enrollment.types';
import { FactorActivation } from './factor-activation';

/** A pending enrollment lapses after 15 minutes (TOTP-3). */
export const ENROLLMENT_LIFETIME_SECONDS = 15 * 60;

/**
 * Enrollment: start (a pending factor and its confirmation challenge) and confirm (the factor becomes
 * active with a valid current code; see FactorActivation). Inside a forced sign-in the mfaToken allows it (LOGIN-4); in
 * self-service it takes the password and a recent MFA check (POL-8).
 */
@Injectable()
export class EnrollmentService {
  constructor(
    @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly facts: SubjectFactsLoader,
    private readonly factors: FactorRepository,
    private readonly challenges: ChallengeService,
    private readonly challengeRows: ChallengeRepository,
    private readonly selfService: SelfServiceCheck,
    private readonly totp: TotpCodes,
    private readonly keyring: SecretKeyring,
    private readonly activation: FactorActivation,
    private readonly audit: AuditEventRepository,
    private readonly clock: Clock,
  ) {}

  /** `onlyTypes` narrows further what the product allows, for an endpoint of one role (PAY-5). */
  async startEnrollment(caller: Caller, request: EnrollmentRequest, onlyTypes?: readonly FactorType[]): Promise<StartedEnrollment> {
    const user = (await this.users.findById(caller.userId))!;
    const facts = await this.facts.load(user);
    if (onlyTypes && !onlyTypes.includes(request.factorType)) {
      throw new DomainError('factor_type_not_allowed', `A ${request.factorType} factor cannot be enrolled here.`, {
        allowedFactorTypes: onlyTypes,
      });
    }
    const requirement = await this.assertMayEnroll(caller, facts, request);
    return request.factorType === 'sms' ? this.startSms(caller, facts, requirement, request) : this.startTotp(caller, facts, request);
  }

  /** TOTP-2: the secret, the otpauth URI and its QR code, shown once. */
  private async startTotp(caller: Caller, facts: SubjectFacts, request: EnrollmentRequest): Promise<StartedEnrollment> {
    const secret = this.totp.generateSecret();
    const { factor, challenge } = await this.db.transaction((manager) =>
      this.createPendingFactor(manager, caller, facts, request, (factorId) => {
        const sealed = this.keyring.seal(secret, totpSecretAad(factorId));
        return { secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId };
      }),
    );
    const otpauthUri = this.totp.provisioningUri(facts.user.email, secret);
    const qr = await renderQrCodes(otpauthUri);
    return {
      enrollmentId: factor.id,
      factorType: 'totp',
      expiresAt: challenge.expiresAt.toISOString(),
      replacesFactorId: factor.replacesFactorId,
      totp: {
        secret,
        secretGrouped: secret.match(/.{1,4}/g)!.join(' '),
        otpauthUri,
        qrCodePngDataUrl: qr.pngDataUrl,
        qrCodeSvg: qr.svg,
      },
    };
  }

  /** SMS-1, SMS-3, SMS-9: a mobile number in an allowed country gets a code; confirming it activates the factor. */
  private async startSms(
    caller: Caller,
    facts: SubjectFacts,
    requirement: MfaRequirement,
    request: EnrollmentRequest,
  ): Promise<StartedEnrollment> {
    if (!request.phoneNumber)
      throw DomainError.validation([{ field: 'phoneNumber', message: 'phoneNumber is required for an SMS factor' }]);
    const phone = parseMobileNumber(request.phoneNumber, requirement.smsCountries);
    const { factor, challenge } = await this.db.transaction((manager) =>
      this.createPendingFactor(manager, caller, facts, request, () => ({ phoneNumber: phone.e164 })),
    );
    return {
      enrollmentId: factor.id,
      factorType: 'sms',
      expiresAt: factor.expiresAt!.toISOString(),
      replacesFactorId: factor.replacesFactorId,
      sms: {
        challengeId: challenge.id,
        maskedPhoneNumber: maskPhoneNumber(phone.e164),
        codeExpiresAt: challenge.expiresAt.toISOString(),
        resendAvailableAt: challenge.resendAvailableAt!.toISOString(),
      },
    };
  }

  /** A new code for a pending SMS enrollment (SMS-2, SMS-5). */
  async resendEnrollmentCode(caller: Caller, enrollmentId: string): Promise<Challenge> {
    const factor = await this.pendingFactor(caller, enrollmentId);
    return this.challenges.resendCode(await this.enrollmentChallenge(caller, factor));
  }

  /** TOTP-3, TOTP-5, REC-2, LOGIN-4. */
  async confirmEnrollment(caller: Caller, enrollmentId: string, code: string): Promise<ConfirmedEnrollment> {
    const factor = await this.pendingFactor(caller, enrollmentId);
    const challenge = await this.enrollmentChallenge(caller, factor);
    return this.challenges.verifyChallenge(challenge, code, (manager, verified) => this.activation.activate(manager, caller, verified));
  }

  private async pendingFactor(caller: Caller, enrollmentId: string): Promise<Factor> {
    const factor = await this.factors.findOwn(caller.userId, enrollmentId);
    if (!factor || factor.status !== 'pending') throw DomainError.notFound('The enrollment');
    if (factor.expiresAt && factor.expiresAt <= this.clock.now()) {
      throw new DomainError('enrollment_expired', 'This enrollment has expired. Start again.');
    }
    return factor;
  }

  /** The open challenge that confirms this enrollment, in the caller's own sign-in or session (SEC-3). */
  async enrollmentChallenge(caller: Caller, factor: Factor): Promise<Challenge> {
    const latest = await this.challengeRows.latestEnrollmentChallenge(factor.id);
    if (!latest) throw DomainError.notFound('The enrollment');
    return this.challenges.findOwn(caller, latest.id);
  }

  private async assertMayEnroll(caller: Caller, facts: SubjectFacts, request: EnrollmentRequest): Promise<MfaRequirement> {
    const requirement = this.policy.evaluate(facts);
    if (isSsoUser(facts.user, facts.memberships)) {
      throw new DomainError('sso_required', 'Your MFA is managed by your company’s identity provider.');
    }
    if (caller.kind === 'sign_in') {
      this.assertSignInMayEnroll(caller.pendingSignIn, facts, requirement);
    } else {
      await this.selfService.assert(caller.principal, facts.user, request.currentPassword, facts.activeFactors.length > 0);
      if (!requirement.enrollmentAvailable) {
        throw new DomainError('enrollment_not_available', 'MFA enrollment is not open for your account yet.');
      }
    }
    if (!requirement.allowedFactorTypes.includes(request.factorType)) {
      throw new DomainError('factor_type_not_allowed', `A ${request.factorType} factor is not allowed for your account here.`, {
        allowedFactorTypes: requirement.allowedFactorTypes,
      });
    }
    return requirement;
  }

  /**
   * ABUSE-3: a password alone never adds a factor. Decided now, from the factors the user has now, never
   * from what the password step saw: a user with no factor enrolls; a user with a factor this product
   * accepts proves it instead (and may add others after signing in); a user whose factors this product
   * does not accept proves one of them in this sign-in first (a `proof` challenge). Confirming checks again.
   */
  private assertSignInMayEnroll(pending: PendingSignIn, facts: SubjectFacts, requirement: MfaRequirement): void {
    if (facts.activeFactors.length === 0 || pending.provenFactorId) return;
    if (usableFactors(facts.activeFactors, requirement).length > 0) {
      throw new DomainError('enrollment_not_available', 'Confirm with a factor you already have; add new ones after signing in.');
    }
    throw new DomainError(
      'factor_proof_required',
      'This account already has a factor: prove one of them with this sign-in before adding another.',
      {
        proofFactors: facts.activeFactors.map(summarizeFactor),
      },
    );
  }

  /** Creates the pending factor and its confirmation challenge; earlier pending enrollments of the type lapse. */
  async createPendingFactor(
    manager: EntityManager,
    caller: Caller,
    facts: SubjectFacts,
    request: EnrollmentRequest,
    detailsFor: (factorId: string) => Partial<Factor>,
  ): Promise<{ factor: Factor; challenge: Challenge }> {
    const user = facts.user;
    const now = this.clock.now();
    const expiresAt = addSeconds(now, ENROLLMENT_LIFETIME_SECONDS);
    await this.factors.revokePending(manager, user.id, request.factorType, now);
    const replaced = facts.activeFactors.find((active) => active.type === request.factorType) ?? null;
    const id = randomUUID();
    const factor = Object.assign(new Factor(), {
      id,
      userId: user.id,
      type: request.factorType,
      status: 'pending',
      secretCiphertext: null,
      secretKeyId: null,
      lastUsedStep: null,
      refusedSteps: [],
      phoneNumber: null,
      replacesFactorId: replaced?.id ?? null,
      createdAt: now,
      expiresAt,
      activatedAt: null,
      revokedAt: null,
      revokedReason: null,
      ...detailsFor(id),
    });
    await this.factors.insert(manager, factor);
    const challenge = await this.challenges.issueChallenge(caller, { factor, purpose: 'enrollment', expiresAt }, manager);
    await this.audit.record(
      { type: 'enrollment.started', subjectUserId: user.id, data: { factorType: factor.type, replacesFactorId: factor.replacesFactorId } },
      manager,
    );
    return { factor, challenge };
  }
}
