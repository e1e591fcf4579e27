import {
  AuditEventRepository,
  Challenge,
  ChallengeRepository,
  Factor,
  FactorRepository,
  isSsoUser,
  PendingSignIn,
  UserRepository,
} from '@sitepass/database';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addSeconds, Clock } from '@sitepass/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ChallengeService } from '../challenges/challenge.service';
import { DomainError } from '../errors/domain.error';
import { summarizeFactor } from '../factors/factor-summary';
import { SelfServiceCheck } from '../factors/self-service-check';
import { Caller } from '../sign-in/caller';
import { usableFactors } from '../sign-in/usable-factors';
import { MfaRequirement, PRODUCT_POLICY, ProductPolicy, SubjectFacts } from '../sign-in/product-policy';
import { SubjectFactsLoader } from '../sign-in/subject-facts.loader';
import { ConfirmedEnrollment, EnrollmentRequest, PendingEnrollmentView, StartedEnrollment } from './enrollment.types';
import { FactorActivation } from './factor-activation';
import { EmailProofNotice, EnrollmentEmailProof } from './email-proof';
import { FactorPayload } from '../factor-types/factor-authenticator';
import { FactorTypes } from '../factor-types/registry';
import { isSmsPaused, offeringOtherWays } from '../factor-types/sms/sms-paused';

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
    private readonly factorTypes: FactorTypes,
    private readonly activation: FactorActivation,
    private readonly emailProof: EnrollmentEmailProof,
    private readonly audit: AuditEventRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Starts enrolling a factor of any registered type: a pending factor and its confirmation challenge, in
   * one transaction; the type prepares its columns and what the user is shown once. `onlyTypes` narrows
   * further what the product allows, for an endpoint of one role (PAY-5). A sign-in's first factor is also
   * proven through the account's email (ABUSE-16): the start sends that code, within an hourly allowance.
   */
  async startEnrollment(caller: Caller, request: EnrollmentRequest, onlyTypes?: readonly string[]): Promise<StartedEnrollment> {
    const user = (await this.users.findById(caller.userId))!;
    const facts = await this.facts.load(user);
    if (onlyTypes && !onlyTypes.includes(request.factorType)) {
      throw DomainError.of(
        'error.factor_type_not_allowed.enrollment',
        { allowedFactorTypes: onlyTypes },
        { args: { factorType: request.factorType } },
      );
    }
    const requirement = await this.assertMayEnroll(caller, facts, request);
    const authenticator = this.factorTypes.of(request.factorType);
    const prepared = await authenticator.prepareEnrollment({ user, requirement, payload: request.payload });
    const create = () =>
      this.db
        .transaction((manager) => this.createPendingFactor(manager, caller, facts, request.factorType, prepared.columns))
        .catch((error: unknown) => this.offerOtherTypes(error, caller, request.factorType, requirement));
    const { factor, challenge, emailProof } = this.emailProof.isRequired(caller, facts.activeFactors)
      ? await this.emailProof.admitting(user.id, create)
      : await create();
    return {
      enrollmentId: factor.id,
      factorType: factor.type,
      expiresAt: factor.expiresAt!.toISOString(),
      replacesFactorId: factor.replacesFactorId,
      ...emailProof,
      [factor.type]: await prepared.present(factor, challenge),
    };
  }

  /** A new code for a pending enrollment of a type that sends one (SMS-2, SMS-5). */
  async resendEnrollmentCode(caller: Caller, enrollmentId: string): Promise<{ challenge: Challenge; factorType: string }> {
    const factor = await this.pendingFactor(caller, enrollmentId);
    const challenge = await this.enrollmentChallenge(caller, factor);
    return {
      challenge: await this.challenges.resendCode(challenge).catch((error) => this.offerOtherTypes(error, caller, factor.type)),
      factorType: factor.type,
    };
  }

  /** SMS-10: a text refused because its prefix is blocked offers the types the user may enroll instead. */
  private async offerOtherTypes(error: unknown, caller: Caller, refusedType: string, requirement?: MfaRequirement): Promise<never> {
    if (!isSmsPaused(error)) throw error;
    const allowed = (requirement ?? this.policy.evaluate(await this.facts.load((await this.users.findById(caller.userId))!)))
      .allowedFactorTypes;
    throw offeringOtherWays(error, 'enrollment', { allowedFactorTypes: allowed.filter((type) => type !== refusedType) });
  }

  /**
   * A pending enrollment as its owner may see it again: its type, and for a type that sends a code the masked
   * destination and the code's times (SMS-3, SMS-5), and whether the code emailed to the account is needed too
   * (ABUSE-16). Never TOTP-2's secret: that is shown once, at the start.
   */
  async describePending(caller: Caller, enrollmentId: string): Promise<PendingEnrollmentView> {
    const factor = await this.pendingFactor(caller, enrollmentId);
    const challenge = await this.enrollmentChallenge(caller, factor);
    const emailProof = await this.emailProof.describe(factor, (await this.users.findById(caller.userId))!);
    return {
      ...emailProof,
      enrollmentId: factor.id,
      factorType: factor.type,
      replacesFactorId: factor.replacesFactorId,
      ...(factor.phoneNumber ? { maskedPhoneNumber: summarizeFactor(factor).maskedPhoneNumber } : {}),
      codeExpiresAt: challenge.expiresAt.toISOString(),
      ...(challenge.resendAvailableAt ? { resendAvailableAt: challenge.resendAvailableAt.toISOString() } : {}),
    };
  }

  /**
   * TOTP-3, TOTP-5, REC-2, LOGIN-4. An enrollment that needs the email proof (ABUSE-16) checks `emailCode` first,
   * and spends it in the transaction that activates the factor.
   */
  async confirmEnrollment(caller: Caller, enrollmentId: string, proof: FactorPayload, emailCode?: string): Promise<ConfirmedEnrollment> {
    const factor = await this.pendingFactor(caller, enrollmentId);
    const challenge = await this.enrollmentChallenge(caller, factor);
    const emailProven = await this.emailProof.check(factor, emailCode);
    return this.challenges.verifyChallenge(challenge, proof, async (manager, verified) => {
      if (emailProven) await this.emailProof.spend(manager, factor);
      return this.activation.activate(manager, caller, verified);
    });
  }

  private async pendingFactor(caller: Caller, enrollmentId: string): Promise<Factor> {
    const factor = await this.factors.findOwn(caller.userId, enrollmentId);
    if (!factor || factor.status !== 'pending') throw DomainError.of('error.not_found.enrollment');
    if (factor.expiresAt && factor.expiresAt <= this.clock.now()) {
      throw DomainError.of('error.enrollment_expired');
    }
    return factor;
  }

  /** The open challenge that confirms this enrollment, in the caller's own sign-in or session (SEC-3). */
  async enrollmentChallenge(caller: Caller, factor: Factor): Promise<Challenge> {
    const latest = await this.challengeRows.latestEnrollmentChallenge(factor.id);
    if (!latest) throw DomainError.of('error.not_found.enrollment');
    return this.challenges.findOwn(caller, latest.id);
  }

  private async assertMayEnroll(caller: Caller, facts: SubjectFacts, request: EnrollmentRequest): Promise<MfaRequirement> {
    const requirement = this.policy.evaluate(facts);
    if (!this.policy.ssoUsersEnroll && isSsoUser(facts.user, facts.memberships)) {
      throw DomainError.of('error.sso_required.enrollment');
    }
    if (caller.kind === 'sign_in') {
      this.assertSignInMayEnroll(caller.pendingSignIn, facts, requirement);
    } else {
      await this.selfService.assert(caller.principal, facts.user, request.currentPassword, facts.activeFactors.length > 0);
      if (!requirement.enrollmentAvailable) {
        throw DomainError.of('error.enrollment_not_available');
      }
    }
    if (!requirement.allowedFactorTypes.includes(request.factorType)) {
      throw DomainError.of(
        'error.factor_type_not_allowed.account',
        { allowedFactorTypes: requirement.allowedFactorTypes },
        { args: { factorType: request.factorType } },
      );
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
      throw DomainError.of('error.enrollment_not_available.prove_existing_factor');
    }
    throw DomainError.of('error.factor_proof_required', {
      proofFactors: facts.activeFactors.map(summarizeFactor),
    });
  }

  /**
   * Creates the pending factor and its confirmation challenge, and the code emailed to the account when it needs
   * one (ABUSE-16); earlier pending enrollments of the type lapse.
   */
  async createPendingFactor(
    manager: EntityManager,
    caller: Caller,
    facts: SubjectFacts,
    factorType: string,
    columns: (factorId: string) => Partial<Factor>,
  ): Promise<{ factor: Factor; challenge: Challenge; emailProof: EmailProofNotice | null }> {
    const user = facts.user;
    const now = this.clock.now();
    const authenticator = this.factorTypes.of(factorType);
    const expiresAt = addSeconds(now, authenticator.challengeLifetimeSeconds ?? ENROLLMENT_LIFETIME_SECONDS);
    await this.factors.revokePending(manager, user.id, factorType, now);
    const replaced = authenticator.severalPerUser ? null : (facts.activeFactors.find((active) => active.type === factorType) ?? null);
    const id = randomUUID();
    const factor = Object.assign(new Factor(), {
      id,
      userId: user.id,
      type: factorType,
      status: 'pending',
      secretCiphertext: null,
      secretKeyId: null,
      lastUsedStep: null,
      refusedSteps: [],
      phoneNumber: null,
      name: null,
      replacesFactorId: replaced?.id ?? null,
      createdAt: now,
      expiresAt,
      activatedAt: null,
      revokedAt: null,
      revokedReason: null,
      ...columns(id),
    });
    await this.factors.insert(manager, factor);
    const challenge = await this.challenges.issueChallenge(caller, { factor, purpose: 'enrollment', expiresAt }, manager);
    const emailProof = this.emailProof.isRequired(caller, facts.activeFactors) ? await this.emailProof.issue(manager, factor, user) : null;
    await this.audit.record(
      {
        type: 'enrollment.started',
        subjectUserId: user.id,
        data: { factorType: factor.type, replacesFactorId: factor.replacesFactorId, emailProofRequired: emailProof !== null },
      },
      manager,
    );
    return { factor, challenge, emailProof };
  }
}
