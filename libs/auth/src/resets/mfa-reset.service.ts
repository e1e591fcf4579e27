import { CompanyPolicyRepository, holdsMfaRequiredPayorRole, isSsoUser, Membership, MembershipRepository, User } from '@sitepass/database';
import { Injectable } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import { CompanyAdminCheck } from '../directory/company-admin-check';
import { DomainError } from '../errors/domain.error';
import { MfaRevocationService } from './mfa-revocation.service';
import { assertNotSupportStaff } from './support-staff';
import { Principal } from '../tokens/access-token';

export interface MemberResetRequest {
  /** The member's login email: the admin names whom they verified, not an id they looked up. */
  email: string;
  /** The admin attests that they verified the member's identity; only `true` is accepted. */
  identityVerified: boolean;
}

export interface MemberReset {
  userId: string;
  resetAt: string;
  factorsRevoked: number;
  sessionsRevoked: number;
}

/** RESET-1, RESET-3, RESET-4: a company admin resets the MFA of an active member of that company. */
@Injectable()
export class MfaResetService {
  constructor(
    private readonly admins: CompanyAdminCheck,
    private readonly memberships: MembershipRepository,
    private readonly policies: CompanyPolicyRepository,
    private readonly revocation: MfaRevocationService,
    private readonly clock: Clock,
  ) {}

  async resetMemberMfa(principal: Principal, companyId: string, request: MemberResetRequest): Promise<MemberReset> {
    const actorUserId = principal.userId;
    await this.admins.assertAdmin(actorUserId, companyId);
    // Taking away someone's second factor is itself a second-factor decision: no password-only sessions.
    if (principal.acr !== 'aal2')
      throw new DomainError('reauthentication_required', 'Sign in with your second factor before resetting a member.');
    if (request.identityVerified !== true) {
      throw DomainError.validation([
        { field: 'identityVerified', message: 'identityVerified must be true: verify the member’s identity first' },
      ]);
    }
    await this.assertResetsOpen(companyId);
    const member = (await this.memberships.findActiveMemberByEmail(companyId, request.email)) ?? notAMember();
    const memberships = await this.memberships.activeOf(member.id);
    this.assertResettable(actorUserId, member, memberships);
    const resetBy = `an administrator of ${memberships.find((membership) => membership.companyId === companyId)?.company?.name ?? 'your company'}`;
    const revoked = await this.revocation.resetUser(member.id, {
      actorUserId,
      companyId,
      resetBy,
      data: { identityVerified: true, by: 'company_admin' },
    });
    return {
      userId: member.id,
      resetAt: revoked.resetAt.toISOString(),
      factorsRevoked: revoked.factors.length,
      sessionsRevoked: revoked.sessionIds.length,
    };
  }

  /** RESET-1: only while the company's policy is scheduled or enforced. */
  private async assertResetsOpen(companyId: string): Promise<void> {
    const state = (await this.policies.findByCompany(companyId))?.stateAt(this.clock.now()) ?? 'off';
    if (state === 'off') {
      throw new DomainError('reset_not_available', 'MFA resets are available while the company’s MFA policy is scheduled or enforced.', {
        policyState: state,
      });
    }
  }

  /**
   * RESET-3: never oneself, never an SSO user, never the holder of an MFA-required payor role.
   * ABUSE-12: never platform support staff either: only support resets them, through support's own paths.
   * That holds when the admin is support staff too: here they act as the company's admin, audited as one.
   */
  private assertResettable(actorUserId: string, member: User, memberships: Membership[]): void {
    if (member.id === actorUserId) {
      throw new DomainError('cannot_reset_self', 'You cannot reset your own MFA; ask another admin of your company or support.');
    }
    assertNotSupportStaff(member);
    if (isSsoUser(member, memberships)) {
      throw new DomainError('sso_user', 'This member signs in through the company’s identity provider, which manages their MFA.');
    }
    if (memberships.some((membership) => holdsMfaRequiredPayorRole(membership.payRoles))) {
      throw new DomainError('pay_support_required', 'This member holds a Pay payor role: only platform support can reset their MFA.');
    }
  }
}

function notAMember(): never {
  throw DomainError.notFound('An active member with this email');
}
