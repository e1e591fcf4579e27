import { Injectable } from '@nestjs/common';
import { addSeconds, Clock } from '@sitepass/common';
import { AuditEventRepository, AuditRecord, Factor, FactorRepository, UserRepository } from '@sitepass/database';
import { EntityManager } from 'typeorm';
import { VerifiedChallenge } from '../challenges/challenge.service';
import { TrustedDeviceService } from '../devices/trusted-device.service';
import { DomainError } from '../errors/domain.error';
import { RECENT_MFA_SECONDS } from '../factors/self-service-check';
import { summarizeFactor } from '../factors/factor-summary';
import { Notifications } from '../notifications/security-notices';
import { RecoveryCodeService } from '../recovery-codes/recovery-code.service';
import { SessionService } from '../sessions/session.service';
import { Caller } from '../sign-in/caller';
import { SignInCompletion } from '../sign-in/sign-in-completion';
import { ConfirmedEnrollment } from './enrollment.types';
import { FactorTypes } from '../factor-types/registry';

/**
 * What confirming an enrollment does, inside the transaction that verified its code: the replaced factor
 * is revoked (TOTP-5, SMS-9), the new one activated, a recovery code issued for a first factor or a new
 * authenticator app (REC-2), the user told (NOTE-2), and inside a forced sign-in the sign-in completed
 * (LOGIN-4).
 */
@Injectable()
export class FactorActivation {
  constructor(
    private readonly factors: FactorRepository,
    private readonly users: UserRepository,
    private readonly recoveryCodes: RecoveryCodeService,
    private readonly completion: SignInCompletion,
    private readonly audit: AuditEventRepository,
    private readonly notifications: Notifications,
    private readonly devices: TrustedDeviceService,
    private readonly sessions: SessionService,
    private readonly factorTypes: FactorTypes,
    private readonly clock: Clock,
  ) {}

  async activate(manager: EntityManager, caller: Caller, { factor, user, amr }: VerifiedChallenge): Promise<ConfirmedEnrollment> {
    const now = this.clock.now();
    const othersActive = (await this.factors.listLive(user.id, manager)).filter(
      (other) => other.status === 'active' && other.id !== factor.id,
    );
    if (othersActive.length > 0) await this.assertMayAdd(manager, caller, factor);
    const events: AuditRecord[] = [{ type: 'enrollment.confirmed', subjectUserId: user.id, data: { factorType: factor.type } }];
    if (factor.replacesFactorId) {
      // The old factor worked until this moment and is revoked in the same transaction, with the devices it trusted.
      const revoked = await this.factors.revoke(manager, [factor.replacesFactorId], 'replaced', now);
      await this.devices.revokeForFactors(manager, revoked);
      events.push(
        ...revoked.map((id) => ({ type: 'factor.revoked' as const, subjectUserId: user.id, data: { factorId: id, reason: 'replaced' } })),
      );
    }
    if (!(await this.factors.activate(manager, factor.id, now))) throw DomainError.of('error.not_found.enrollment');
    const firstFactor = othersActive.length === 0;
    // RESET-2: the factor a reset asked for is here.
    if (firstFactor && user.mfaReenrollmentRequired) await this.users.setReenrollmentRequired(manager, user.id, false);
    const changedApp = factor.replacesFactorId !== null && this.factorTypes.of(factor.type).reissuesRecoveryCodeOnReplace;
    const recoveryCode = firstFactor || changedApp ? await this.recoveryCodes.issue(user.id, manager) : undefined;
    if (recoveryCode)
      events.push({
        type: 'recovery_code.issued',
        subjectUserId: user.id,
        data: { reason: firstFactor ? 'first_factor' : 'authenticator_changed' },
      });
    await this.audit.recordMany(events, manager);
    await this.notifications.email(
      manager,
      user.id,
      factor.replacesFactorId ? 'factor_changed' : 'factor_added',
      this.factorTypes.noticeParams(factor.type),
    );
    const confirmed: ConfirmedEnrollment = {
      factor: summarizeFactor({ ...factor, status: 'active' }),
      ...(recoveryCode ? { recoveryCode } : {}),
    };
    if (caller.kind === 'sign_in')
      confirmed.session = await this.completion.complete(manager, caller.pendingSignIn, user, amr, [], factor.id);
    return confirmed;
  }

  /**
   * ABUSE-3, checked again in the transaction that activates, where the attempt holds the lock of the
   * user's row: whoever adds a factor to an account that has one has proven one of them. Inside a sign-in
   * that is a `proof` challenge; in a session, an MFA check that was recent when the enrollment started.
   * So of two enrollments racing for an account without a factor, only the first to confirm needs no proof.
   */
  private async assertMayAdd(manager: EntityManager, caller: Caller, factor: Factor): Promise<void> {
    if (caller.kind === 'sign_in') {
      if (caller.pendingSignIn.provenFactorId) return;
      throw DomainError.of('error.factor_proof_required');
    }
    const session = await this.sessions.findLiveSession(caller.principal.sessionId, manager);
    if (!session?.mfaTime || session.mfaTime < addSeconds(factor.createdAt, -RECENT_MFA_SECONDS)) {
      throw DomainError.of('error.reauthentication_required', {
        maxAgeSeconds: RECENT_MFA_SECONDS,
      });
    }
  }
}
