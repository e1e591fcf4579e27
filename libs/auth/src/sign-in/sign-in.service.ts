import { AuditEventRepository, AuditRecord, FirstFactor, isSsoUser, Session, User, UserRepository } from '@sitepass/database';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, Metrics, requestContext } from '@sitepass/common';
import { DataSource, EntityManager } from 'typeorm';
import { TrustedDeviceService } from '../devices/trusted-device.service';
import { summarizeFactor } from '../factors/factor-summary';
import { RecoveryCodeService } from '../recovery-codes/recovery-code.service';
import { DomainError } from '../errors/domain.error';
import { LoginThrottle } from '../limits/login-throttle';
import { PasswordHasher } from '../passwords/password-hasher';
import { Assurance, IssuedTokens, SessionService } from '../sessions/session.service';
import { Principal } from '../tokens/access-token';
import { MFA_TOKEN_LIFETIME_SECONDS, PendingSignInService } from './pending-sign-in.service';
import { PRODUCT_POLICY, ProductPolicy, SubjectFacts } from './product-policy';
import { SignInResult } from './sign-in-result';
import { usableFactors } from './usable-factors';
import { SubjectFactsLoader } from './subject-facts.loader';

export interface PasswordSignIn {
  email: string;
  password: string;
  deviceToken?: string;
}

/** The password step of sign-in (SES-1, LOGIN-1, LOGIN-2, SES-6) and the refresh rules of the product (SES-5). */
@Injectable()
export class SignInService {
  constructor(
    @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionService,
    private readonly pendingSignIns: PendingSignInService,
    private readonly devices: TrustedDeviceService,
    private readonly recoveryCodes: RecoveryCodeService,
    private readonly facts: SubjectFactsLoader,
    private readonly audit: AuditEventRepository,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
  ) {}

  async signInWithPassword(input: PasswordSignIn): Promise<SignInResult> {
    return this.afterFirstStep(await this.checkPassword(input), 'pwd', input.deviceToken);
  }

  /**
   * LOGIN-1, LOGIN-4, SES-6: the sign-in once its first step is proven, by a password here or by the
   * company's identity provider (PAY-11): a session if the product asks no MFA of the user, else the MFA
   * step (a factor to prove, or one to enroll). `firstFactor` comes first in the session's `amr`.
   */
  async afterFirstStep(facts: SubjectFacts, firstFactor: FirstFactor, deviceToken?: string): Promise<SignInResult> {
    const user = facts.user;
    const requirement = this.policy.evaluate(facts);
    if (!requirement.required) return this.authenticate(user, { acr: 'aal1', amr: [firstFactor], mfaTime: null }, 'authenticated');
    if (user.mfaLockedAt) {
      throw DomainError.of('error.account_locked');
    }
    const device = deviceToken
      ? await this.devices.findTrusted(user.id, deviceToken, requirement.deviceTrustSeconds, this.db.manager)
      : null;
    if (device) {
      return this.authenticate(user, { acr: 'aal2', amr: device.amr, mfaTime: device.mfaTime }, 'trusted_device', device.id);
    }
    const usable = usableFactors(facts.activeFactors, requirement);
    const { mfaToken } = await this.pendingSignIns.open(user.id, this.policy.audience, {
      enrollmentRequired: usable.length === 0,
      trustDevice: requirement.deviceTrustSeconds > 0,
      firstFactor,
    });
    const expiresIn = MFA_TOKEN_LIFETIME_SECONDS;
    if (usable.length === 0) {
      await this.recordOutcome(user.id, 'sign_in.enrollment_required', 'enrollment_required');
      const proof =
        facts.activeFactors.length > 0 ? { proofRequired: true as const, proofFactors: facts.activeFactors.map(summarizeFactor) } : {};
      return { status: 'mfa_enrollment_required', mfaToken, expiresIn, allowedFactorTypes: requirement.allowedFactorTypes, ...proof };
    }
    await this.recordOutcome(user.id, 'sign_in.mfa_required', 'mfa_required');
    const recoveryCodeAvailable = (await this.recoveryCodes.status(user.id, this.db.manager)).available;
    return { status: 'mfa_required', mfaToken, expiresIn, factors: usable.map(summarizeFactor), recoveryCodeAvailable };
  }

  /**
   * SES-1, SEC-5, DIR-5: the facts of the user whose password this is, as of now, or one and the same
   * refusal for every failure. The attempt is taken from the account's and the client's limits before the
   * password is verified (ABUSE-2). Every refusal costs one hash, whether the account exists or not
   * (ABUSE-13). In an SSO domain, only a user who is not an SSO user and gives the right password signs in
   * here; everyone else is sent to the identity provider, so an unknown email and an existing non-member
   * of the domain get the same answer.
   */
  private async checkPassword(input: PasswordSignIn): Promise<SubjectFacts> {
    const audience = this.policy.audience;
    const attempt = await this.throttle.admit(input.email, requestContext.current()?.ip ?? null);
    const { facts, ssoDomainInUse } = await this.facts.loadByEmail(input.email).catch(async (error: unknown) => {
      // No password was checked (PostgreSQL out of reach): the attempt does not count (REL-2).
      await attempt.unchecked();
      throw error;
    });
    const user = facts?.user ?? null;
    const passwordMatches = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    const signsInHere = facts !== null && passwordMatches && facts.user.status === 'active';
    if (ssoDomainInUse && (!signsInHere || isSsoUser(facts.user, facts.memberships))) {
      throw DomainError.of('error.sso_required', {});
    }
    if (!signsInHere) {
      await this.audit.record({
        type: 'sign_in.failed',
        subjectUserId: user?.id ?? null,
        data: { audience, reason: 'invalid_credentials' },
      });
      this.metrics.signIns.inc({ audience, outcome: 'invalid_credentials' });
      throw DomainError.of('error.invalid_credentials');
    }
    await attempt.passed();
    // The policy is judged when the password has been checked, not when the facts were read before the hash.
    return { ...facts, asOf: this.clock.now() };
  }

  /** The session, its refresh token and the audit row are one statement: one round trip, one commit (PERF-2). */
  private async authenticate(
    user: User,
    assurance: Assurance,
    outcome: string,
    trustedDeviceId: string | null = null,
  ): Promise<SignInResult> {
    const audience = this.policy.audience;
    const succeeded: AuditRecord = {
      type: 'sign_in.succeeded',
      subjectUserId: user.id,
      data: { audience, acr: assurance.acr, via: outcome },
    };
    const { tokens } = await this.sessions.startSession(user.id, audience, assurance, this.db.manager, [succeeded], trustedDeviceId);
    this.metrics.signIns.inc({ audience, outcome });
    return { status: 'authenticated', ...tokens };
  }

  private async recordOutcome(
    userId: string,
    type: 'sign_in.mfa_required' | 'sign_in.enrollment_required',
    outcome: string,
  ): Promise<void> {
    await this.audit.record({ type, subjectUserId: userId, data: { audience: this.policy.audience } });
    this.metrics.signIns.inc({ audience: this.policy.audience, outcome });
  }

  /**
   * ABUSE-9: signing out everywhere revokes every session of the user, on both products, and every device
   * they trusted, under the lock of the user's row.
   */
  async signOutEverywhere(principal: Principal): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.users.lockForChange(manager, principal.userId);
      const sessionIds = await this.sessions.revokeAllForUser(principal.userId, 'sign_out_everywhere', manager);
      const trustedDevices = await this.devices.revokeAllForUser(principal.userId, manager);
      const data = { sessionsRevoked: sessionIds.length, trustedDevicesRevoked: trustedDevices };
      await this.audit.record({ type: 'session.signed_out_everywhere', subjectUserId: principal.userId, data }, manager);
    });
  }

  /** SES-7: sign-out revokes the session; its access tokens stop working on every instance. */
  async signOut(principal: Principal): Promise<void> {
    await this.sessions.revokeSession(principal.sessionId, 'sign_out');
    await this.audit.record({ type: 'session.signed_out', subjectUserId: principal.userId, data: { sessionId: principal.sessionId } });
  }

  /**
   * SES-5: a refresh is refused once the MFA proof is older than the user's re-authentication interval,
   * and for a session without one when MFA has since become required for the user.
   */
  refresh(refreshToken: string): Promise<IssuedTokens> {
    return this.sessions.refresh(refreshToken, this.policy.audience, (session, manager) => this.checkReauthentication(session, manager));
  }

  private async checkReauthentication(session: Session, manager: EntityManager): Promise<void> {
    const user = await this.users.findById(session.userId, manager);
    if (!user || user.status !== 'active') throw DomainError.of('error.session_revoked.account_inactive');
    const requirement = this.policy.evaluate(await this.facts.load(user, manager));
    if (!requirement.required) return;
    const proofAge = session.mfaTime ? (this.clock.now().getTime() - session.mfaTime.getTime()) / 1000 : Infinity;
    if (proofAge > requirement.reauthIntervalSeconds) {
      throw DomainError.of('error.mfa_reauth_required');
    }
  }
}
