import { AuditEventRepository, AuditRecord, FactorRepository, UserRepository } from '@sitepass/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@sitepass/common';
import { DataSource, EntityManager } from 'typeorm';
import { AttemptBudget } from '../challenges/attempt-budget';
import { ChallengeService } from '../challenges/challenge.service';
import { TrustedDeviceService } from '../devices/trusted-device.service';
import { Notifications } from '../notifications/security-notices';
import { RecoveryCodeService } from '../recovery-codes/recovery-code.service';
import { SessionService } from '../sessions/session.service';
import { PendingSignInService } from '../sign-in/pending-sign-in.service';
import type { ResetNotice } from './reset-rules';

export interface RevokedMfa {
  userId: string;
  resetAt: Date;
  factors: Array<{ id: string; type: string }>;
  sessionIds: string[];
}

/** Who reset, for which company, and on what grounds: the `mfa.reset` event's own facts (RESET-4). */
export type ResetAttribution = Pick<AuditRecord, 'actorUserId' | 'companyId' | 'data'> & {
  /** Named in the email to the user: the company whose admin reset them, or Sitepass support. */
  resetBy: ResetNotice;
};

/**
 * RESET-2, whoever the product's reset rules allow to ask (a company admin; in Pay a payee admin or support,
 * PAY-10): the user's MFA is taken back to nothing, in one transaction, and every session dies at once.
 */
@Injectable()
export class MfaRevocationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly factors: FactorRepository,
    private readonly recoveryCodes: RecoveryCodeService,
    private readonly devices: TrustedDeviceService,
    private readonly challenges: ChallengeService,
    private readonly pendingSignIns: PendingSignInService,
    private readonly budget: AttemptBudget,
    private readonly sessions: SessionService,
    private readonly audit: AuditEventRepository,
    private readonly notifications: Notifications,
    private readonly clock: Clock,
  ) {}

  /** Revokes, audits `mfa.reset` and tells every instance that the sessions are gone (SES-7), in one transaction. */
  async resetUser(userId: string, attribution: ResetAttribution): Promise<RevokedMfa> {
    const revoked = await this.db.transaction(async (manager) => {
      const result = await this.revokeAll(manager, userId, attribution);
      const counts = { factorsRevoked: result.factors.length, sessionsRevoked: result.sessionIds.length };
      const { resetBy, ...audited } = attribution;
      await this.audit.record({ type: 'mfa.reset', subjectUserId: userId, ...audited, data: { ...attribution.data, ...counts } }, manager);
      // RESET-4: the member hears of it by email, even if the reset was not their own request.
      await this.notifications.email(manager, userId, 'mfa_reset', { ...resetBy });
      return result;
    });
    return revoked;
  }

  /**
   * Everything that proves or stands in for the user's MFA, inside the caller's transaction. Open challenges
   * and sign-ins end before the sessions are revoked, so a verification racing the reset either loses its
   * challenge or has its new session revoked with the others.
   */
  private async revokeAll(manager: EntityManager, userId: string, attribution: ResetAttribution): Promise<RevokedMfa> {
    const resetAt = this.clock.now();
    // The user's row first, as every change to a user's MFA locks it: an attempt in flight finishes first.
    await this.users.lockForChange(manager, userId);
    const factors = await this.factors.revokeAllOfUser(manager, userId, 'admin_reset', resetAt);
    await this.recoveryCodes.voidAll(userId, manager);
    await this.devices.revokeAllForUser(userId, manager);
    await this.challenges.revokePendingForUser(userId, manager);
    await this.pendingSignIns.revokeAllForUser(userId, manager);
    await this.budget.clear(manager, userId);
    const sessionIds = await this.sessions.revokeAllForUser(userId, 'admin_reset', manager);
    await this.users.setReenrollmentRequired(manager, userId, true);
    // ABUSE-11: each revocation is part of the reset, so it carries the reset's actor and company. Without
    // the company, every other company of the member would list it, with this company's admin as actor.
    await this.audit.recordMany(
      factors.map((factor) => ({
        type: 'factor.revoked' as const,
        actorUserId: attribution.actorUserId ?? null,
        companyId: attribution.companyId ?? null,
        subjectUserId: userId,
        data: { factorId: factor.id, factorType: factor.type, reason: 'admin_reset' },
      })),
      manager,
    );
    return { userId, resetAt, factors, sessionIds };
  }
}
