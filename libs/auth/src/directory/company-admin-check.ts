import { Company, MembershipRepository } from '@sitepass/database';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain.error';

/**
 * DIR-3, SEC-3: a company admin is an active member with role `admin` in that company. Everyone else,
 * for a company that exists or not, gets the same 404: an id never reveals whether the company exists.
 */
@Injectable()
export class CompanyAdminCheck {
  constructor(private readonly memberships: MembershipRepository) {}

  async assertAdmin(userId: string, companyId: string): Promise<Company> {
    const membership = await this.memberships.find(userId, companyId);
    if (!membership?.company || membership.role !== 'admin' || membership.status !== 'active')
      throw DomainError.of('error.not_found.company');
    return membership.company;
  }

  /** The companies a user administers now, by name: the hosted admin console's start page (WEB-5). */
  async companiesOf(userId: string): Promise<Company[]> {
    const memberships = await this.memberships.activeOf(userId);
    return memberships
      .filter((membership) => membership.role === 'admin' && membership.company)
      .map((membership) => membership.company!)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}
