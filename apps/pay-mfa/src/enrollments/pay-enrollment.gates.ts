import { Inject, Injectable } from '@nestjs/common';
import { Caller, DomainError, ErrorMessageKey, FactorType } from '@sitepass/auth';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { MembershipRepository, PAYOR_ROLES, PayRole, payRolesOf } from '@sitepass/database';
import { EnrollmentGate } from '@sitepass/http';
import { payFactorTypes } from '../policy/pay.policy';

/**
 * PAY-5: each role-specific enrollment endpoint serves holders of that role only (403 role_required), and
 * the factor types of that role. Pay's policy applies on top: a user holding both kinds of role gets the
 * stricter rule.
 */
@Injectable()
abstract class PayRoleGate implements EnrollmentGate {
  protected abstract readonly roles: readonly PayRole[];
  protected abstract readonly refusal: ErrorMessageKey;
  protected abstract readonly audience: string;
  /** Which of Pay's lists of factor types this role enrolls. */
  protected abstract readonly kind: keyof ReturnType<typeof payFactorTypes>;

  constructor(
    private readonly memberships: MembershipRepository,
    @Inject(CONFIG) private readonly config: SitepassConfig,
  ) {}

  async admit(caller: Caller): Promise<readonly FactorType[]> {
    const held = payRolesOf(await this.memberships.activeOf(caller.userId));
    if (!held.some((role) => this.roles.includes(role))) {
      throw DomainError.of(this.refusal, { role: this.audience });
    }
    return payFactorTypes(this.config)[this.kind];
  }
}

/** Payors enroll an authenticator app or a passkey. */
@Injectable()
export class PayorEnrollmentGate extends PayRoleGate {
  protected readonly roles = PAYOR_ROLES;
  protected readonly kind = 'payor';
  protected readonly refusal = 'error.role_required.payor_enrollment';
  protected readonly audience = 'payor';
}

/** Payee admins enroll an app, a US mobile number or a passkey. */
@Injectable()
export class PayeeAdminEnrollmentGate extends PayRoleGate {
  protected readonly roles: readonly PayRole[] = ['payee_admin'];
  protected readonly kind = 'payeeAdmin';
  protected readonly refusal = 'error.role_required.payee_admin_enrollment';
  protected readonly audience = 'payee_admin';
}
