import { Inject, Injectable } from '@nestjs/common';
import { Clock, Metrics, requestContext } from '@sitepass/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DirectoryRepository } from '../directory/directory.repository';
import { emailDomain } from '../directory/email';
import { isSsoUser } from '../directory/sso';
import { User } from '../directory/user.entity';
import { DomainError } from '../errors/domain.error';
import { LoginThrottle } from '../limits/login-throttle';
import { PasswordHasher } from '../passwords/password-hasher';
import { IssuedTokens, SessionService } from '../sessions/session.service';
import { Session } from '../sessions/session.entity';
import { Principal } from '../tokens/access-token';
import { PRODUCT_POLICY, ProductPolicy } from './product-policy';
import { SubjectFactsLoader } from './subject-facts.loader';

export interface PasswordSignIn {
  email: string;
  password: string;
  deviceToken?: string;
}

export type SignInResult = { status: 'authenticated' } & IssuedTokens;

/** The password step of sign-in (SES-1, LOGIN-1) and the refresh rules of the product (SES-5). */
@Injectable()
export class SignInService {
  constructor(
    @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
    private readonly directory: DirectoryRepository,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionService,
    private readonly facts: SubjectFactsLoader,
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
  ) {}

  async signInWithPassword(input: PasswordSignIn): Promise<SignInResult> {
    const audience = this.policy.audience;
    await this.throttle.admit(input.email, requestContext.current()?.ip ?? null);
    const user = await this.directory.findUserByEmail(input.email);
    await this.refuseSsoUsers(user, input.email);
    const passwordMatches = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    if (!user || !passwordMatches || user.status !== 'active') {
      await this.throttle.recordFailure(input.email);
      await this.audit.record({ type: 'sign_in.failed', subjectUserId: user?.id ?? null, data: { audience, reason: 'invalid_credentials' } });
      this.metrics.signIns.inc({ audience, outcome: 'invalid_credentials' });
      throw new DomainError('invalid_credentials', 'The email or password is not correct.');
    }
    const { tokens } = await this.sessions.startSession(user.id, audience, { acr: 'aal1', amr: ['pwd'], mfaTime: null });
    await this.audit.record({ type: 'sign_in.succeeded', subjectUserId: user.id, data: { audience, acr: 'aal1' } });
    this.metrics.signIns.inc({ audience, outcome: 'authenticated' });
    return { status: 'authenticated', ...tokens };
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
    const user = await this.directory.findUserById(session.userId, manager);
    if (!user || user.status !== 'active') throw new DomainError('session_revoked', 'The account is no longer active.');
    const requirement = this.policy.evaluate(await this.facts.load(user, manager));
    if (!requirement.required) return;
    const proofAge = session.mfaTime ? (this.clock.now().getTime() - session.mfaTime.getTime()) / 1000 : Infinity;
    if (proofAge > requirement.reauthIntervalSeconds) {
      throw new DomainError('mfa_reauth_required', 'Sign in again and confirm with your second factor.');
    }
  }

  /** DIR-5: SSO users sign in at their company's identity provider. Decided by domain, before the password. */
  private async refuseSsoUsers(user: User | null, email: string): Promise<void> {
    const ssoCompanies = await this.directory.companiesWithSsoDomain(emailDomain(email));
    if (ssoCompanies.length === 0) return;
    const refused = user === null || isSsoUser(user, await this.directory.activeMembershipsOf(user.id));
    if (refused) {
      throw new DomainError('sso_required', 'This account signs in through your company’s identity provider.', {});
    }
  }
}
