import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import { EntityManager } from 'typeorm';
import { Amr, AuditRecord, PendingSignIn, User } from '@sitepass/database';
import { TrustedDeviceService } from '../devices/trusted-device.service';
import { DomainError } from '../errors/domain.error';
import { SessionService } from '../sessions/session.service';
import { PendingSignInService } from './pending-sign-in.service';
import { PRODUCT_POLICY, ProductPolicy } from './product-policy';
import { Authenticated } from './sign-in-result';

/**
 * Ends a pending sign-in with a proven factor: an aal2 session, and on products that trust devices a
 * device token (SES-6). Runs inside the transaction that verified the factor, so a completion that
 * loses a race (the sign-in was already completed) undoes the verification too.
 */
@Injectable()
export class SignInCompletion {
  constructor(
    @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
    private readonly pendingSignIns: PendingSignInService,
    private readonly sessions: SessionService,
    private readonly devices: TrustedDeviceService,
    private readonly clock: Clock,
  ) {}

  /**
   * `events` are audited with the sign-in, in the statement that opens the session: this runs on every MFA
   * sign-in (PERF-1). `factorId` is the factor proven: a device it trusts is trusted only while that factor
   * is (ABUSE-9); a recovery-code sign-in (no factor) trusts no device.
   */
  async complete(
    manager: EntityManager,
    pending: PendingSignIn,
    user: User,
    method: Amr,
    events: AuditRecord[] = [],
    factorId: string | null = null,
  ): Promise<Authenticated> {
    if (!(await this.pendingSignIns.complete(pending.id, manager))) {
      throw DomainError.of('error.invalid_token.sign_in_completed');
    }
    const mfaTime = this.clock.now();
    const amr: Amr[] = [pending.firstFactor, method];
    const succeeded: AuditRecord = {
      type: 'sign_in.succeeded',
      subjectUserId: user.id,
      data: { audience: this.policy.audience, acr: 'aal2', amr },
    };
    const { tokens } = await this.sessions.startSession(user.id, this.policy.audience, { acr: 'aal2', amr, mfaTime }, manager, [
      ...events,
      succeeded,
    ]);
    const deviceToken = pending.trustDevice && factorId ? await this.devices.trust(user.id, factorId, amr, mfaTime, manager) : undefined;
    return { status: 'authenticated', ...tokens, ...(deviceToken ? { deviceToken } : {}) };
  }
}
