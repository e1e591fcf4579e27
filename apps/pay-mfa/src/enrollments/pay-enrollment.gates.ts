import { Injectable } from '@nestjs/common';
import { Caller, DomainError, ErrorMessageKey, FactorType } from '@sitepass/auth';
import { MembershipRepository, PAYOR_ROLES, PayRole, payRolesOf } from '@sitepass/database';
import { EnrollmentGate } from '@sitepass/http';
import { PAYEE_ADMIN_FACTOR_TYPES, PAYOR_FACTOR_TYPES } from '../policy/pay.policy';

/**
 * PAY-5: each role-specific enrollment endpoint serves holders of that role only (403 role_required), and
 * the factor types of that role. Pay's policy applies on top: a user holding both kinds of role gets the
 * stricter rule.
 */
@Injectable()
abstract class PayRoleGate implements EnrollmentGate {
  protected abstract readonly roles: readonly PayRole[];
  protected abstract readonly types: readonly FactorType[];
  protected abstract readonly refusal: ErrorMessageKey;
  protected abstract readonly audience: string;

  constructor(private readonly memberships: MembershipRepository) {}

  async admit(caller: Caller): Promise<readonly FactorType[]> {
    const held = payRolesOf(await this.memberships.activeOf(caller.userId));
    if (!held.some((role) => this.roles.includes(role))) {
      throw DomainError.of(this.refusal, { role: this.audience });
    }
    return this.types;
  }
}

/** Payors enroll an authenticator app only. */
@Injectable()
export class PayorEnrollmentGate extends PayRoleGate {
  protected readonly roles = PAYOR_ROLES;
  protected readonly types = PAYOR_FACTOR_TYPES;
  protected readonly refusal = 'error.role_required.payor_enrollment';
  protected readonly audience = 'payor';
}

/** Payee admins enroll an app or a US mobile number. */
@Injectable()
export class PayeeAdminEnrollmentGate extends PayRoleGate {
  protected readonly roles: readonly PayRole[] = ['payee_admin'];
  protected readonly types = PAYEE_ADMIN_FACTOR_TYPES;
  protected readonly refusal = 'error.role_required.payee_admin_enrollment';
  protected readonly audience = 'payee_admin';
}
