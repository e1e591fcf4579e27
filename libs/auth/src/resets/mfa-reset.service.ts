import { Inject, Injectable } from '@nestjs/common';
import { MembershipRepository, UserRepository } from '@sitepass/database';
import { phrase } from '@sitepass/i18n';

import { DomainError } from '../errors/domain.error';
import { Principal } from '../tokens/access-token';
import { MfaRevocationService, RevokedMfa } from './mfa-revocation.service';
import { MemberResetRequest, RESET_RULES, ResetActor, ResetRules } from './reset-rules';

export interface MemberReset {
  userId: string;
  resetAt: string;
  factorsRevoked: number;
  sessionsRevoked: number;
}

/**
 * RESET-1 to RESET-4, PAY-10: an admin (or platform support) resets the MFA of an active member of a
 * company; everything the member had is revoked at once (RESET-2) and audited. Who may reset whom is the
 * product's ResetRules; the flow is the same in both products. The caller must have proven MFA in this
 * session (assertMfaSession).
 */
@Injectable()
export class MfaResetService {
  constructor(
    @Inject(RESET_RULES) private readonly rules: ResetRules,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
    private readonly revocation: MfaRevocationService,
  ) {}

  async resetMemberMfa(principal: Principal, companyId: string, request: MemberResetRequest): Promise<MemberReset> {
    const actor = await this.authorizeActor(principal, companyId);
    if (request.identityVerified !== true) {
      throw DomainError.validation([{ field: 'identityVerified', problem: phrase('validation.identity_verified') }]);
    }
    await this.rules.assertOpen(companyId);
    const member = (await this.memberships.findActiveMemberByEmail(companyId, request.email)) ?? notAMember();
    if (member.id === actor.user.id) {
      throw DomainError.of('error.cannot_reset_self');
    }
    const approval = await this.rules.approve(actor, companyId, member, await this.memberships.activeOf(member.id), request);
    const revoked = await this.revocation.resetUser(member.id, {
      actorUserId: actor.user.id,
      companyId,
      resetBy: approval.resetBy,
      data: { identityVerified: true, by: actor.role, ...approval.data },
    });
    return memberReset(revoked);
  }

  /** Who the caller is when resetting in this company (the product's ResetRules); refused if they may not reset there. */
  async authorizeActor(principal: Principal, companyId: string): Promise<ResetActor> {
    return this.rules.authorize(principal, (await this.users.findById(principal.userId))!, companyId);
  }
}

export function memberReset(revoked: RevokedMfa): MemberReset {
  return {
    userId: revoked.userId,
    resetAt: revoked.resetAt.toISOString(),
    factorsRevoked: revoked.factors.length,
    sessionsRevoked: revoked.sessionIds.length,
  };
}

function notAMember(): never {
  throw DomainError.of('error.not_found.active_member');
}
