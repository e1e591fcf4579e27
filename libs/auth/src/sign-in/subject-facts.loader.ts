import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@sitepass/common';
import { DataSource, EntityManager } from 'typeorm';
import { User } from '../directory/user.entity';
import { Factor } from '../factors/factor.entity';
import { CompanyPolicy } from '../policy/company-policy.entity';
import { CompanyPolicyRepository } from '../policy/company-policy.repository';
import { SubjectFacts } from './product-policy';

/**
 * Gathers the facts a product policy needs about one user in two queries that run side by side:
 * memberships with their companies and policies (one join), and active factors.
 */
@Injectable()
export class SubjectFactsLoader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: CompanyPolicyRepository,
    private readonly clock: Clock,
  ) {}

  async load(user: User, manager: EntityManager = this.db.manager): Promise<SubjectFacts> {
    const [memberships, activeFactors] = await Promise.all([
      this.policies.activeMembershipsWithPolicies(user.id, manager),
      manager.find(Factor, { where: { userId: user.id, status: 'active' }, order: { activatedAt: 'ASC' } }),
    ]);
    const companyPolicies = memberships.flatMap((membership): CompanyPolicy[] => (membership.company?.policy ? [membership.company.policy] : []));
    return { user, memberships, companyPolicies, activeFactors, asOf: this.clock.now() };
  }
}
