import {
  CompanyRepository,
  holdsMfaRequiredPayorRole,
  isSsoUser,
  Membership,
  MembershipRepository,
  payRolesOf,
  User,
  UserRepository,
} from '@sitepass/database';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain.error';
import { Principal } from '../tokens/access-token';
import { MemberReset, MemberResetRequest } from './mfa-reset.service';
import { MfaRevocationService } from './mfa-revocation.service';
import { assertNotSupportStaff } from './support-staff';

export interface PayResetRequest extends MemberResetRequest {
  /** Support's note of how the user's identity was checked; required to reset a payor-role user (PAY-10). */
  identityCheckNote?: string;
}

/**
 * PAY-10: a payee admin resets users of their payee company; users holding an MFA-required payor role
 * are reset only by platform support, with a note of the identity check. Both revoke everything, as
 * RESET-2, and both are audited. The caller must have proven MFA in this session.
 */
@Injectable()
export class PayResetService {
  constructor(
    private readonly users: UserRepository,
    private readonly companies: CompanyRepository,
    private readonly memberships: MembershipRepository,
    private readonly revocation: MfaRevocationService,
  ) {}

  async resetPayUser(principal: Principal, companyId: string, request: PayResetRequest): Promise<MemberReset> {
    if (principal.acr !== 'aal2')
      throw new DomainError('reauthentication_required', 'Sign in to Pay with your second factor before resetting anyone.');
    const actor = (await this.users.findById(principal.userId))!;
    const actorMembership = await this.memberships.find(actor.id, companyId);
    const asPayeeAdmin =
      actorMembership?.status === 'active' &&
      actorMembership.company?.payKind === 'payee' &&
      payRolesOf([actorMembership]).includes('payee_admin');
    if (!actor.support && !asPayeeAdmin) throw DomainError.notFound('The company');
    if (request.identityVerified !== true) {
      throw DomainError.validation([
        { field: 'identityVerified', message: 'identityVerified must be true: verify the user’s identity first' },
      ]);
    }
    const target = (await this.memberships.findActiveMemberByEmail(companyId, request.email)) ?? notAMember();
    const memberships = await this.memberships.activeOf(target.id);
    const note = request.identityCheckNote?.trim();
    this.assertResettable(actor, target, memberships, note);
    const company = actorMembership?.company ?? (await this.companies.findById(companyId))!;
    const by = actor.support ? 'support' : 'payee_admin';
    const revoked = await this.revocation.resetUser(target.id, {
      actorUserId: actor.id,
      companyId,
      resetBy: actor.support ? 'Sitepass support' : `a payee admin of ${company.name}`,
      data: { identityVerified: true, by, ...(note ? { identityCheckNote: note } : {}) },
    });
    return {
      userId: target.id,
      resetAt: revoked.resetAt.toISOString(),
      factorsRevoked: revoked.factors.length,
      sessionsRevoked: revoked.sessionIds.length,
    };
  }

  private assertResettable(actor: User, target: User, memberships: Membership[], note: string | undefined): void {
    if (target.id === actor.id) throw new DomainError('cannot_reset_self', 'You cannot reset your own MFA; ask support.');
    // ABUSE-12: a payee admin never resets platform support staff; support resetting support stays allowed.
    if (!actor.support) assertNotSupportStaff(target);
    if (isSsoUser(target, memberships)) throw new DomainError('sso_user', 'This user signs in through their company’s identity provider.');
    const payor = memberships.some((membership) => holdsMfaRequiredPayorRole(payRolesOf([membership])));
    if (payor && !actor.support)
      throw new DomainError('pay_support_required', 'This user holds a payor role: only platform support can reset their MFA.');
    if (payor && !note) {
      throw DomainError.validation([
        { field: 'identityCheckNote', message: 'identityCheckNote is required to reset a payor: say how the identity was checked' },
      ]);
    }
  }
}

function notAMember(): never {
  throw DomainError.notFound('An active member with this email');
}
