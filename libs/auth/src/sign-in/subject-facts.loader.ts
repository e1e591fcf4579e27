import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@sitepass/common';
import { entityFromJson } from '@sitepass/database';
import { DataSource, EntityManager } from 'typeorm';
import { Company } from '../directory/company.entity';
import { Membership } from '../directory/membership.entity';
import { User } from '../directory/user.entity';
import { Factor } from '../factors/factor.entity';
import { CompanyPolicy } from '../policy/company-policy.entity';
import { SubjectFacts } from './product-policy';

type Row = Record<string, unknown>;

/**
 * Active memberships with their companies and policies, and active factors, in one statement: this runs
 * on every sign-in, refresh and MFA step, where each round trip costs (PERF-2).
 */
const FACTS = `
  SELECT
    (SELECT coalesce(json_agg(json_build_object('membership', to_jsonb(m), 'company', to_jsonb(c), 'policy', to_jsonb(p))), '[]')
       FROM memberships m
       JOIN companies c ON c.id = m.company_id
       LEFT JOIN company_policies p ON p.company_id = c.id
      WHERE m.user_id = $1 AND m.status = 'active') AS memberships,
    (SELECT coalesce(json_agg(to_jsonb(f) ORDER BY f.activated_at), '[]')
       FROM factors f
      WHERE f.user_id = $1 AND f.status = 'active') AS factors`;

/** Gathers the facts a product policy needs about one user. */
@Injectable()
export class SubjectFactsLoader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async load(user: User, manager: EntityManager = this.db.manager): Promise<SubjectFacts> {
    const [row]: Array<{ memberships: Array<{ membership: Row; company: Row; policy: Row | null }>; factors: Row[] }> = await manager.query(FACTS, [user.id]);
    const memberships = row!.memberships.map((joined) => {
      const company = entityFromJson(manager, Company, joined.company);
      company.policy = joined.policy && entityFromJson(manager, CompanyPolicy, joined.policy);
      return Object.assign(entityFromJson(manager, Membership, joined.membership), { company });
    });
    const activeFactors = row!.factors.map((factor) => entityFromJson(manager, Factor, factor));
    const companyPolicies = memberships.flatMap((membership): CompanyPolicy[] => (membership.company.policy ? [membership.company.policy] : []));
    return { user, memberships, companyPolicies, activeFactors, asOf: this.clock.now() };
  }
}
