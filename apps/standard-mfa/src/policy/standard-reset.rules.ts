import { Injectable } from '@nestjs/common';
import {
  assertMfaSession,
  assertNotSupportStaff,
  CompanyAdminCheck,
  DomainError,
  Principal,
  ResetActor,
  ResetApproval,
  ResetRules,
} from '@sitepass/auth';
import { Clock } from '@sitepass/common';
import { CompanyPolicyRepository, holdsMfaRequiredPayorRole, isSsoUser, Membership, User } from '@sitepass/database';

/** RESET-1, RESET-3: the standard product's resets, by a company admin of an active member of that company. */
@Injectable()
export class StandardResetRules implements ResetRules {
  constructor(
    private readonly admins: CompanyAdminCheck,
    private readonly policies: CompanyPolicyRepository,
    private readonly clock: Clock,
  ) {}

  /** Another company's admin, or a member, finds no company (SEC-3); an admin is then asked for their factor. */
  async authorize(principal: Principal, actor: User, companyId: string): Promise<ResetActor> {
    await this.admins.assertAdmin(actor.id, companyId);
    assertMfaSession(principal);
    return { user: actor, role: 'company_admin' };
  }

  /** RESET-1: only while the company's policy is scheduled or enforced. */
  async assertOpen(companyId: string): Promise<void> {
    const state = (await this.policies.findByCompany(companyId))?.stateAt(this.clock.now()) ?? 'off';
    if (state === 'off') {
      throw DomainError.of('error.reset_not_available', {
        policyState: state,
      });
    }
  }

  /**
   * RESET-3: never an SSO user, never the holder of an MFA-required payor role (Pay's support resets them).
   * ABUSE-12: never platform support staff either: only support resets them, through support's own paths.
   * That holds when the admin is support staff too: here they act as the company's admin, audited as one.
   */
  async approve(_actor: ResetActor, companyId: string, member: User, memberships: Membership[]): Promise<ResetApproval> {
    assertNotSupportStaff(member);
    if (isSsoUser(member, memberships)) {
      throw DomainError.of('error.sso_user');
    }
    if (memberships.some((membership) => holdsMfaRequiredPayorRole(membership.payRoles))) {
      throw DomainError.of('error.pay_support_required');
    }
    const companyName = memberships.find((membership) => membership.companyId === companyId)?.company?.name;
    return { resetBy: { resetBy: 'company_admin', companyName }, data: {} };
  }
}
