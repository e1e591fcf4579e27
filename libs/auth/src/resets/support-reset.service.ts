import { Injectable } from '@nestjs/common';
import { User, UserRepository } from '@sitepass/database';
import { DomainError } from '../errors/domain.error';
import { phrase } from '@sitepass/i18n';
import { Principal } from '../tokens/access-token';
import { MemberReset, memberReset } from './mfa-reset.service';
import { MfaRevocationService } from './mfa-revocation.service';
import { assertMfaSession, MemberResetRequest, requireIdentityCheckNote } from './reset-rules';

/**
 * RESET-5: platform support resets any user's MFA, whatever their companies' policies say, named by login
 * email, with an identity-check note. A user who chose MFA in a company whose policy is off (or who is held
 * to it by `alwaysRequireMfa`) has no company admin who may reset them (RESET-1); without this, losing the
 * phone and the recovery code would strand them. The effects are RESET-2's; the user enrolls again at the
 * next sign-in. Support staff are reset only here or through Pay's support path, never by an admin (ABUSE-12).
 */
@Injectable()
export class SupportResetService {
  constructor(
    private readonly users: UserRepository,
    private readonly revocation: MfaRevocationService,
  ) {}

  async resetUserMfa(principal: Principal, request: MemberResetRequest): Promise<MemberReset> {
    const actor = await this.authorizeSupport(principal);
    if (request.identityVerified !== true) {
      throw DomainError.validation([{ field: 'identityVerified', problem: phrase('validation.identity_verified.user') }]);
    }
    const identityCheckNote = requireIdentityCheckNote(request, 'user');
    const user = await this.users.findByEmail(request.email);
    if (!user) throw DomainError.of('error.not_found.user_with_email');
    if (user.id === actor.id) {
      throw DomainError.of('error.cannot_reset_self.support');
    }
    // No company: the reset is the platform's, and (ABUSE-11) no company's audit list shows support's actor.
    const revoked = await this.revocation.resetUser(user.id, {
      actorUserId: actor.id,
      companyId: null,
      resetBy: { resetBy: 'support' },
      data: { identityVerified: true, by: 'support', identityCheckNote },
    });
    return memberReset(revoked);
  }

  /** The caller, if platform support in a session that proved a factor; refused otherwise, in this order. */
  async authorizeSupport(principal: Principal): Promise<User> {
    const actor = await this.users.findById(principal.userId);
    if (!actor?.support) throw DomainError.of('error.role_required.support_reset', { role: 'support' });
    assertMfaSession(principal);
    return actor;
  }
}
