import { AuditEventRepository, FactorRepository, FactorStatus, UserRepository } from '@sitepass/database';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, requestContext } from '@sitepass/common';
import { OutboxWriter } from '@sitepass/messaging';
import { DataSource } from 'typeorm';
import { TrustedDeviceService } from '../devices/trusted-device.service';
import { DomainError } from '../errors/domain.error';
import { RecoveryCodeService, RecoveryCodeStatus } from '../recovery-codes/recovery-code.service';
import { EnforcementNotice, PRODUCT_POLICY, ProductPolicy, RequirementReason } from '../sign-in/product-policy';
import { SubjectFactsLoader } from '../sign-in/subject-facts.loader';
import { Principal } from '../tokens/access-token';
import { maskPhoneNumber } from './factor-summary';
import { SelfServiceCheck } from './self-service-check';
import { Notifications } from '../notifications/security-notices';
import { countryOf } from '../factor-types/sms/phone-number';
import { SmsGate } from '../limits/sms-gate';
import { FactorTypes } from '../factor-types/registry';

export interface FactorView {
  id: string;
  type: string;
  status: FactorStatus;
  createdAt: string;
  activatedAt: string | null;
  expiresAt: string | null;
  maskedPhoneNumber?: string;
  /** Passkeys: the name their user gave them (PASSKEY-2). */
  name?: string;
}

export interface MfaOverview {
  mfaRequired: boolean;
  reasons: RequirementReason[];
  allowedFactorTypes: string[];
  enrollmentAvailable: boolean;
  reauthIntervalSeconds: number;
  /** The earliest deadline among the user's companies that schedule or enforce MFA (POL-3); null if none. */
  enforcement: EnforcementNotice | null;
  factors: FactorView[];
  recoveryCode: RecoveryCodeStatus;
}

/** A user's own factors: the overview, removal (POL-8) and a new recovery code (REC-2). */
@Injectable()
export class FactorService {
  constructor(
    @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly factors: FactorRepository,
    private readonly facts: SubjectFactsLoader,
    private readonly selfService: SelfServiceCheck,
    private readonly recoveryCodes: RecoveryCodeService,
    private readonly audit: AuditEventRepository,
    private readonly smsGate: SmsGate,
    private readonly outbox: OutboxWriter,
    private readonly notifications: Notifications,
    private readonly devices: TrustedDeviceService,
    private readonly factorTypes: FactorTypes,
    private readonly clock: Clock,
  ) {}

  async overview(principal: Principal): Promise<MfaOverview> {
    const user = (await this.users.findById(principal.userId))!;
    const facts = await this.facts.load(user);
    const requirement = this.policy.evaluate(facts);
    const [factors, recoveryCode] = await Promise.all([
      this.factors.listLive(user.id),
      this.recoveryCodes.status(user.id, this.db.manager),
    ]);
    return {
      mfaRequired: requirement.required,
      reasons: requirement.reasons,
      allowedFactorTypes: requirement.allowedFactorTypes,
      enrollmentAvailable: requirement.enrollmentAvailable,
      reauthIntervalSeconds: requirement.reauthIntervalSeconds,
      enforcement: this.policy.enforcementNotice(facts),
      factors: factors.map((factor) => ({
        id: factor.id,
        type: factor.type,
        status: factor.status,
        createdAt: factor.createdAt.toISOString(),
        activatedAt: factor.activatedAt?.toISOString() ?? null,
        expiresAt: factor.expiresAt?.toISOString() ?? null,
        ...(factor.phoneNumber ? { maskedPhoneNumber: maskPhoneNumber(factor.phoneNumber) } : {}),
        ...(factor.name ? { name: factor.name } : {}),
      })),
      recoveryCode,
    };
  }

  /**
   * POL-8: password plus a recent MFA check; never the last factor while MFA is required. ABUSE-7: the
   * last-factor rule is decided under the lock of the user's row, from the factors as they are then, so
   * of two removals at once the second sees the first. The devices the factor trusted go with it (ABUSE-9).
   */
  async revokeFactor(principal: Principal, factorId: string, currentPassword: string): Promise<void> {
    const user = (await this.users.findById(principal.userId))!;
    const factor = await this.factors.findOwn(user.id, factorId);
    if (!factor || factor.status === 'revoked') throw DomainError.of('error.not_found.factor');
    await this.selfService.assert(principal, user, currentPassword, (await this.facts.load(user)).activeFactors.length > 0);
    await this.db.transaction(async (manager) => {
      await this.users.lockForChange(manager, user.id);
      const facts = await this.facts.load(user, manager);
      const remaining = facts.activeFactors.filter((active) => active.id !== factor.id);
      if (
        remaining.length < facts.activeFactors.length &&
        remaining.length === 0 &&
        this.policy.evaluate({ ...facts, activeFactors: [] }).required
      ) {
        throw DomainError.of('error.last_factor_required');
      }
      const revoked = await this.factors.revoke(manager, [factor.id], 'removed', this.clock.now());
      if (revoked.length === 0) throw DomainError.of('error.not_found.factor');
      await this.devices.revokeForFactors(manager, revoked);
      // Without an active factor a recovery code has nothing to recover.
      if (remaining.length === 0) await this.recoveryCodes.voidAll(user.id, manager);
      await this.audit.record(
        { type: 'factor.revoked', subjectUserId: user.id, data: { factorId: factor.id, factorType: factor.type, reason: 'removed' } },
        manager,
      );
      await this.notifications.email(manager, user.id, 'factor_removed', this.factorTypes.noticeParams(factor.type));
    });
  }

  /** SMS-8: a text with no code to the user's registered number, counted against the SMS quotas. */
  async sendTestMessage(principal: Principal, factorId: string): Promise<{ deliveryId: string }> {
    const factor = await this.factors.findOwn(principal.userId, factorId);
    if (!factor || factor.status !== 'active' || !factor.phoneNumber) throw DomainError.of('error.not_found.sms_factor');
    await this.smsGate.admit(
      {
        userId: factor.userId,
        phoneNumber: factor.phoneNumber!,
        country: countryOf(factor.phoneNumber!),
        ip: requestContext.current()?.ip ?? null,
      },
      'test_message',
    );
    return this.db.transaction(async (manager) => {
      const delivery = await this.outbox.add(manager, { kind: 'sms', purpose: 'test_message', userId: factor.userId, factorId: factor.id });
      await this.audit.record({ type: 'sms.test_requested', subjectUserId: factor.userId, data: { factorId: factor.id } }, manager);
      return { deliveryId: delivery.id };
    });
  }

  /** REC-2: a new code on request voids the old one; same checks as any self-service change. */
  async regenerateRecoveryCode(principal: Principal, currentPassword: string): Promise<string> {
    const user = (await this.users.findById(principal.userId))!;
    const facts = await this.facts.load(user);
    if (facts.activeFactors.length === 0) {
      throw DomainError.of('error.enrollment_not_available.recovery_code');
    }
    await this.selfService.assert(principal, user, currentPassword, true);
    return this.db.transaction(async (manager) => {
      const code = await this.recoveryCodes.issue(user.id, manager);
      await this.audit.record({ type: 'recovery_code.issued', subjectUserId: user.id, data: { reason: 'requested' } }, manager);
      await this.notifications.email(manager, user.id, 'recovery_code_regenerated');
      return code;
    });
  }
}
