import { MembershipRepository, PAYOR_ROLES, PayRole, payRolesOf } from '@sitepass/database';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@sitepass/auth';

export type EnrollmentAudience = 'payor' | 'payee_admin';

const ROLES: Record<EnrollmentAudience, readonly PayRole[]> = { payor: PAYOR_ROLES, payee_admin: ['payee_admin'] };

/** PAY-5: each role-specific enrollment endpoint serves holders of that role only (403 role_required). */
@Injectable()
export class PayRoleGate {
  constructor(private readonly memberships: MembershipRepository) {}

  async require(userId: string, audience: EnrollmentAudience): Promise<void> {
    const roles = payRolesOf(await this.memberships.activeOf(userId));
    if (!roles.some((role) => ROLES[audience].includes(role))) {
      const who = audience === 'payor' ? 'a payor role' : 'the payee admin role';
      throw new DomainError('role_required', `This enrollment is for users with ${who}.`, { role: audience });
    }
  }
}
