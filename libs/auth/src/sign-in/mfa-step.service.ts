import { Injectable } from '@nestjs/common';
import { phrase } from '@sitepass/i18n';
import { AuditEventRepository, AuditRecord, ChallengePurpose, FactorRepository } from '@sitepass/database';
import { AttemptBudget, AttemptOutcome } from '../challenges/attempt-budget';
import { ChallengeService } from '../challenges/challenge.service';
import { ChallengeView, viewChallenge } from '../challenges/challenge-view';
import { FactorPayload } from '../factor-types/factor-authenticator';
import { TrustedDeviceService } from '../devices/trusted-device.service';
import { DomainError } from '../errors/domain.error';
import { FactorAccess } from '../factors/factor-access';
import { Notifications } from '../notifications/security-notices';
import { RecoveryCodeService } from '../recovery-codes/recovery-code.service';
import { SessionService } from '../sessions/session.service';
import { Caller } from './caller';
import { PendingSignInService } from './pending-sign-in.service';
import { Authenticated } from './sign-in-result';
import { SignInCompletion } from './sign-in-completion';

export type Reverified = { status: 'verified'; accessToken: string; expiresIn: number; mfaTime: string };
/** ABUSE-3: an existing factor was proven inside the sign-in; the mfaToken may now enroll another. */
export type FactorProven = { status: 'factor_proven'; factorId: string; factorType: string };

/**
 * The MFA step (LOGIN-3, LOGIN-5, REC-3): a challenge for one of the caller's usable factors, its
 * verification, and the recovery code. Inside a sign-in a success completes it; inside a session it
 * refreshes the session's MFA time (the re-check POL-8 asks for). A `proof` challenge, inside a sign-in,
 * proves a factor the product does not accept, so that one it accepts may be enrolled (ABUSE-3).
 */
@Injectable()
export class MfaStepService {
  constructor(
    private readonly challenges: ChallengeService,
    private readonly access: FactorAccess,
    private readonly factors: FactorRepository,
    private readonly completion: SignInCompletion,
    private readonly sessions: SessionService,
    private readonly pendingSignIns: PendingSignInService,
    private readonly recoveryCodes: RecoveryCodeService,
    private readonly devices: TrustedDeviceService,
    private readonly budget: AttemptBudget,
    private readonly audit: AuditEventRepository,
    private readonly notifications: Notifications,
  ) {}

  /** LOGIN-3: the client picks the factor; a factor the product does not accept here is refused (PAY-3), except to prove it (ABUSE-3). */
  async issueChallenge(caller: Caller, factorId: string, purpose: 'sign_in' | 'proof' = 'sign_in'): Promise<ChallengeView> {
    if (purpose === 'proof') {
      if (caller.kind !== 'sign_in') throw DomainError.validation([{ field: 'purpose', problem: phrase('validation.purpose_proof') }]);
      const { factor } = await this.access.ownActiveFactor(caller.userId, factorId);
      return this.challenges.view(await this.challenges.issueChallenge(caller, { factor, purpose: 'proof' }), factor);
    }
    const { factor } = await this.access.usableFactor(caller.userId, factorId);
    const challenge = await this.challenges.issueChallenge(caller, {
      factor,
      purpose: caller.kind === 'sign_in' ? 'sign_in' : 'reauthentication',
    });
    return this.challenges.view(challenge, factor);
  }

  /** A challenge's state, and for SMS whether its code was delivered (SMS-3). */
  async describeChallenge(caller: Caller, challengeId: string): Promise<ChallengeView> {
    const challenge = await this.challenges.findOwn(caller, challengeId);
    const factor = (await this.factors.findOwn(caller.userId, challenge.factorId))!;
    return { ...(await this.challenges.view(challenge, factor)), delivery: await this.challenges.deliveryOf(challenge) };
  }

  /** SMS-2, SMS-5: a new code for an SMS challenge, voiding the older one, within the cooldown and quotas. */
  async resendChallenge(caller: Caller, challengeId: string): Promise<ChallengeView> {
    const challenge = await this.challenges.findOwn(caller, challengeId);
    const resent = await this.challenges.resendCode(challenge);
    return viewChallenge(resent, (await this.factors.findOwn(caller.userId, resent.factorId))!.type);
  }

  async verifyChallenge(caller: Caller, challengeId: string, proof: FactorPayload): Promise<Authenticated | Reverified | FactorProven> {
    const challenge = await this.challenges.findOwn(caller, challengeId);
    if (!VERIFIABLE_HERE.includes(challenge.purpose)) throw DomainError.of('error.not_found.challenge');
    return this.challenges.verifyChallenge(challenge, proof, async (manager, { user, factor, amr }) => {
      const verified: AuditRecord = {
        type: 'mfa.verified',
        subjectUserId: user.id,
        data: { factorType: factor.type, purpose: challenge.purpose },
      };
      if (caller.kind === 'sign_in' && challenge.purpose === 'proof') {
        await this.pendingSignIns.recordProof(caller.pendingSignIn.id, factor.id, manager);
        await this.audit.record(verified, manager);
        return { status: 'factor_proven', factorId: factor.id, factorType: factor.type };
      }
      if (caller.kind === 'sign_in') return this.completion.complete(manager, caller.pendingSignIn, user, amr, [verified], factor.id);
      await this.audit.record(verified, manager);
      const refreshed = await this.sessions.recordMfa(caller.principal.sessionId, amr, manager);
      return {
        status: 'verified',
        accessToken: refreshed.accessToken,
        expiresIn: refreshed.expiresIn,
        mfaTime: refreshed.mfaTime.toISOString(),
      };
    });
  }

  /**
   * REC-3: the recovery code completes the sign-in once (amr `rc`), is consumed, and is replaced by a
   * new code returned here. A wrong code is one attempt of the same budgets as a wrong factor code
   * (LOGIN-5, ABUSE-1). Whoever needed it has lost a factor: every trusted device goes (ABUSE-9).
   */
  async redeemRecoveryCode(caller: Caller, code: string): Promise<Authenticated> {
    if (caller.kind !== 'sign_in') throw DomainError.of('error.authentication_required.recovery_code');
    const scope = { userId: caller.userId, pendingSignInId: caller.pendingSignIn.id, countsForAccount: true };
    return this.budget.attempt(scope, async (manager, user): Promise<AttemptOutcome<Authenticated>> => {
      const factorType = 'recovery_code';
      if (!(await this.recoveryCodes.redeem(user.id, code, manager))) {
        return { accepted: false, factorType, code: 'verification_failed', message: phrase('error.verification_failed.recovery_code') };
      }
      const recoveryCode = await this.recoveryCodes.issue(user.id, manager);
      await this.devices.revokeAllForUser(user.id, manager);
      await this.audit.recordMany(
        [
          { type: 'recovery_code.redeemed', subjectUserId: user.id },
          { type: 'recovery_code.issued', subjectUserId: user.id, data: { reason: 'redeemed' } },
        ],
        manager,
      );
      await this.notifications.email(manager, user.id, 'recovery_code_redeemed');
      const authenticated = await this.completion.complete(manager, caller.pendingSignIn, user, 'rc');
      return { accepted: true, factorType, value: { ...authenticated, recoveryCode, reenrollmentRecommended: true } };
    });
  }
}

const VERIFIABLE_HERE: readonly ChallengePurpose[] = ['sign_in', 'reauthentication', 'proof'];
