import { Injectable } from '@nestjs/common';
import {
  assertMfaSession,
  assertNotSupportStaff,
  DomainError,
  MemberResetRequest,
  Principal,
  ResetActor,
  ResetApproval,
  requireIdentityCheckNote,
  ResetRules,
} from '@sitepass/auth';
import { CompanyRepository, holdsMfaRequiredPayorRole, Membership, MembershipRepository, payRolesOf, User } from '@sitepass/database';

/**
 * PAY-10: a payee admin resets users of their payee company; users holding an MFA-required payor role are
 * reset only by platform support, with a note of the identity check. Pay's resets are open whenever Pay is:
 * its MFA has no company policy to schedule.
 */
@Injectable()
export class PayResetRules implements ResetRules {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  /** Support anywhere; a payee admin in their own payee company; everyone else finds no company (SEC-3). */
  async authorize(principal: Principal, actor: User, companyId: string): Promise<ResetActor> {
    assertMfaSession(principal);
    if (actor.support) return { user: actor, role: 'support' };
    const membership = await this.memberships.find(actor.id, companyId);
    const payeeAdmin =
      membership?.status === 'active' && membership.company?.payKind === 'payee' && payRolesOf([membership]).includes('payee_admin');
    if (!payeeAdmin) throw DomainError.of('error.not_found.company');
    return { user: actor, role: 'payee_admin' };
  }

  async assertOpen(): Promise<void> {
    // Always open: Pay's MFA is mandatory, with no company policy to schedule (PAY-2).
  }

  async approve(
    actor: ResetActor,
    companyId: string,
    member: User,
    memberships: Membership[],
    request: MemberResetRequest,
  ): Promise<ResetApproval> {
    const support = actor.role === 'support';
    // ABUSE-12: a payee admin never resets platform support staff; support resetting support stays allowed.
    if (!support) assertNotSupportStaff(member);
    // PAY-11: an SSO user's Pay factors are Sitepass's, so Pay resets them like anyone's (unlike RESET-3).
    const payor = memberships.some((membership) => holdsMfaRequiredPayorRole(payRolesOf([membership])));
    if (payor && !support) {
      throw DomainError.of('error.pay_support_required.pay');
    }
    const note = payor ? requireIdentityCheckNote(request) : request.identityCheckNote?.trim();
    const data: Record<string, string> = note ? { identityCheckNote: note } : {};
    if (support) return { resetBy: { resetBy: 'support' }, data };
    const company = (await this.companies.findById(companyId))!;
    return { resetBy: { resetBy: 'payee_admin', companyName: company.name }, data };
  }
}
