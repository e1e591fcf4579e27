import { MembershipRepository, PayRole } from '@sitepass/database';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain.error';
import { Principal } from '../tokens/access-token';
import { SessionActivity } from './session-activity';
import { StepUpService } from './step-up.service';

export interface OperationRule {
  /** Holders of any of these roles may perform the operation. */
  permittedRoles: readonly PayRole[];
  /** The operation needs a step-up token made for it (PAY-6). */
  stepUp: boolean;
}

export interface AuthorizationRules {
  operations: Readonly<Record<string, OperationRule>>;
  /** Without an authorization request for this long, the session must prove MFA again (PAY-8). */
  idleTimeoutSeconds: number;
}

/**
 * PAY-7: the decision the gateway asks for on each Payments request. In order: the role may perform
 * the operation (403 role_not_permitted); the session proved MFA and has not been idle too long
 * (401 mfa_reauth_required); a step-up token made for this operation in this session is presented and
 * consumed by this allow (401 step_up_required). One query for the roles, one Redis script for the idle
 * timeout, and for money-moving operations one conditional UPDATE: it stays fast (PERF-4).
 */
@Injectable()
export class OperationAuthorizer {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly activity: SessionActivity,
    private readonly stepUps: StepUpService,
  ) {}

  async authorize(
    principal: Principal,
    operation: string,
    stepUpToken: string | undefined,
    rules: AuthorizationRules,
  ): Promise<{ decision: 'allow' }> {
    const rule = rules.operations[operation];
    if (!rule) throw DomainError.validation([{ field: 'operation', message: 'operation is not a known Payments operation' }]);
    const roles = await this.memberships.activePayRolesOf(principal.userId);
    if (!roles.some((role) => rule.permittedRoles.includes(role))) {
      throw new DomainError('role_not_permitted', 'Your Pay roles do not allow this operation.', { operation });
    }
    if (principal.acr !== 'aal2') throw new DomainError('mfa_reauth_required', 'Sign in to Pay again and confirm with your second factor.');
    if (!(await this.activity.touchUnlessIdle(principal.sessionId, principal.mfaTime ?? principal.authTime, rules.idleTimeoutSeconds))) {
      throw new DomainError('mfa_reauth_required', 'The Payments tool was idle for too long. Sign in again with your second factor.');
    }
    if (rule.stepUp && !(stepUpToken && (await this.stepUps.consume(principal, operation, stepUpToken)))) {
      throw new DomainError(
        'step_up_required',
        `Confirm this operation with your second factor (POST /v1/pay/step-ups with operation "${operation}").`,
        { operation },
      );
    }
    return { decision: 'allow' };
  }
}
