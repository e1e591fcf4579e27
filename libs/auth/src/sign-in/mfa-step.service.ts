import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { AttemptBudget, failureError } from '../challenges/attempt-budget';
import { ChallengeService } from '../challenges/challenge.service';
import { ChallengeView, viewChallenge } from '../challenges/challenge-view';
import { DirectoryRepository } from '../directory/directory.repository';
import { DomainError } from '../errors/domain.error';
import { FactorAccess } from '../factors/factor-access';
import { FactorRepository } from '../factors/factor.repository';
import { Notifications } from '../notifications/security-notices';
import { RecoveryCodeService } from '../recovery-codes/recovery-code.service';
import { SessionService } from '../sessions/session.service';
import { Caller } from './caller';
import { Authenticated } from './sign-in-result';
import { SignInCompletion } from './sign-in-completion';

export type Reverified = { status: 'verified'; accessToken: string; expiresIn: number; mfaTime: string };

/**
 * The MFA step (LOGIN-3, LOGIN-5, REC-3): a challenge for one of the caller's usable factors, its
 * verification, and the recovery code. Inside a sign-in a success completes it; inside a session it
 * refreshes the session's MFA time (the re-check POL-8 asks for).
 */
@Injectable()
export class MfaStepService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly challenges: ChallengeService,
    private readonly access: FactorAccess,
    private readonly factors: FactorRepository,
    private readonly directory: DirectoryRepository,
    private readonly completion: SignInCompletion,
    private readonly sessions: SessionService,
    private readonly recoveryCodes: RecoveryCodeService,
    private readonly budget: AttemptBudget,
    private readonly audit: AuditService,
    private readonly notifications: Notifications,
  ) {}

  /** LOGIN-3: the client picks the factor; a factor the product does not accept here is refused (PAY-3). */
  async issueChallenge(caller: Caller, factorId: string): Promise<ChallengeView> {
    const { factor } = await this.access.usableFactor(caller.userId, factorId);
    const challenge = await this.challenges.issueChallenge(caller, { factor, purpose: caller.kind === 'sign_in' ? 'sign_in' : 'reauthentication' });
    return viewChallenge(challenge, factor.type);
  }

  /** A challenge's state, and for SMS whether its code was delivered (SMS-3). */
  async describeChallenge(caller: Caller, challengeId: string): Promise<ChallengeView> {
    const challenge = await this.challenges.findOwn(caller, challengeId);
    const factor = (await this.factors.findOwn(caller.userId, challenge.factorId))!;
    return { ...viewChallenge(challenge, factor.type), delivery: await this.challenges.deliveryOf(challenge) };
  }

  /** SMS-2, SMS-5: a new code for an SMS challenge, voiding the older one, within the cooldown and quotas. */
  async resendChallenge(caller: Caller, challengeId: string): Promise<ChallengeView> {
    const challenge = await this.challenges.findOwn(caller, challengeId);
    return viewChallenge(await this.challenges.resendCode(challenge), 'sms');
  }

  async verifyChallenge(caller: Caller, challengeId: string, code: string): Promise<Authenticated | Reverified> {
    const challenge = await this.challenges.findOwn(caller, challengeId);
    if (challenge.purpose !== 'sign_in' && challenge.purpose !== 'reauthentication') throw DomainError.notFound('The challenge');
    return this.challenges.verifyChallenge(challenge, code, async (manager, { user, factor, amr }) => {
      const verified: AuditRecord = { type: 'mfa.verified', subjectUserId: user.id, data: { factorType: factor.type, purpose: challenge.purpose } };
      if (caller.kind === 'sign_in') return this.completion.complete(manager, caller.pendingSignIn, user, amr, [verified]);
      await this.audit.record(verified, manager);
      const refreshed = await this.sessions.recordMfa(caller.principal.sessionId, amr, manager);
      return { status: 'verified', accessToken: refreshed.accessToken, expiresIn: refreshed.expiresIn, mfaTime: refreshed.mfaTime.toISOString() };
    });
  }

  /**
   * REC-3: the recovery code completes the sign-in once (amr `rc`), is consumed, and is replaced by a
   * new code returned here. A wrong code counts against the same budget as a wrong factor code.
   */
  async redeemRecoveryCode(caller: Caller, code: string): Promise<Authenticated> {
    if (caller.kind !== 'sign_in') throw new DomainError('authentication_required', 'Redeem a recovery code with the mfaToken of your sign-in.');
    const user = (await this.directory.findUserById(caller.userId))!;
    this.budget.assertMayTry(user);
    const outcome = await this.db.transaction(async (manager) => {
      if (!(await this.recoveryCodes.redeem(user.id, code, manager))) return null;
      await this.budget.recordSuccess(manager, user.id, 'recovery_code');
      const recoveryCode = await this.recoveryCodes.issue(user.id, manager);
      await this.audit.recordMany(
        [
          { type: 'recovery_code.redeemed', subjectUserId: user.id },
          { type: 'recovery_code.issued', subjectUserId: user.id, data: { reason: 'redeemed' } },
        ],
        manager,
      );
      await this.notifications.email(manager, user.id, 'recovery_code_redeemed');
      const authenticated = await this.completion.complete(manager, caller.pendingSignIn, user, 'rc');
      return { ...authenticated, recoveryCode, reenrollmentRecommended: true };
    });
    if (outcome) return outcome;
    const state = await this.db.transaction((manager) =>
      this.budget.recordFailure(manager, {
        userId: user.id,
        factorType: 'recovery_code',
        reason: 'verification_failed',
        pendingSignInId: caller.pendingSignIn.id,
        countsForAccount: true,
      }),
    );
    throw failureError(state, 'verification_failed', 'The recovery code is not correct.');
  }
}
