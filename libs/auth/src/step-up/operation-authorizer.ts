import { MembershipRepository, PayRole } from '@sitepass/database';
import { Injectable } from '@nestjs/common';
import { phrase } from '@sitepass/i18n';

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
    const rule = await this.assertPermitted(principal, operation, rules.operations);
    if (principal.acr !== 'aal2') throw DomainError.of('error.mfa_reauth_required.pay');
    if (!(await this.activity.touchUnlessIdle(principal.sessionId, principal.mfaTime ?? principal.authTime, rules.idleTimeoutSeconds))) {
      throw DomainError.of('error.mfa_reauth_required.pay_idle');
    }
    if (rule.stepUp && !(stepUpToken && (await this.stepUps.consume(principal, operation, stepUpToken)))) {
      throw DomainError.of('error.step_up_required', { operation });
    }
    return { decision: 'allow' };
  }

  /**
   * The first check of `authorize`: the operation is known and the caller's roles may perform it (403
   * role_not_permitted). The hosted step-up page (WEB-6) asks it before a factor is proven for nothing.
   */
  async assertPermitted(principal: Principal, operation: string, operations: AuthorizationRules['operations']): Promise<OperationRule> {
    const rule = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
    if (!rule) throw DomainError.validation([{ field: 'operation', problem: phrase('validation.operation_unknown') }]);
    const roles = await this.memberships.activePayRolesOf(principal.userId);
    if (!roles.some((role) => rule.permittedRoles.includes(role))) {
      throw DomainError.of('error.role_not_permitted', { operation });
    }
    return rule;
  }
}
