import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@sitepass/common';
import {
  Company,
  CompanyPolicy,
  emailDomain,
  entityFromJson,
  Factor,
  Membership,
  normalizeEmail,
  queryPrepared,
  User,
} from '@sitepass/database';
import { DataSource, EntityManager } from 'typeorm';
import { SubjectFacts } from './product-policy';

type Row = Record<string, unknown>;

/**
 * Active memberships with their companies and policies, and active factors, of the user whose id is
 * `userId` (an SQL expression), as two JSON columns: this runs on every sign-in, refresh and MFA step,
 * where each round trip costs (PERF-2).
 */
const factsColumns = (userId: string) => `
    (SELECT coalesce(json_agg(json_build_object('membership', to_jsonb(m), 'company', to_jsonb(c), 'policy', to_jsonb(p))), '[]')
       FROM memberships m
       JOIN companies c ON c.id = m.company_id
       LEFT JOIN company_policies p ON p.company_id = c.id
      WHERE m.user_id = ${userId} AND m.status = 'active') AS memberships,
    (SELECT coalesce(json_agg(to_jsonb(f) ORDER BY f.activated_at), '[]')
       FROM factors f
      WHERE f.user_id = ${userId} AND f.status = 'active') AS factors`;

const FACTS = `SELECT ${factsColumns('$1')}`;

/**
 * The password step's one query: the user with an email, if any, whether the email's domain is an SSO
 * domain of some company (DIR-5), and the user's facts. One row always comes back, so an unknown email
 * costs the same statement as a known one (SES-1). Prepared once per connection (PERF-2).
 */
const SIGN_IN_SUBJECT = `
  SELECT to_jsonb(u) AS "user",
         EXISTS (SELECT 1 FROM companies WHERE sso_domains @> ARRAY[$2::text]) AS "ssoDomainInUse",
         ${factsColumns('u.id')}
  FROM (VALUES (1)) AS one LEFT JOIN users u ON u.email = $1`;

type FactsRow = { memberships: Array<{ membership: Row; company: Row; policy: Row | null }>; factors: Row[] };

/** Gathers the facts a product policy needs about one user. */
@Injectable()
export class SubjectFactsLoader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async load(user: User, manager: EntityManager = this.db.manager): Promise<SubjectFacts> {
    const [row]: FactsRow[] = await manager.query(FACTS, [user.id]);
    return this.factsOf(user, row!, manager);
  }

  /** The user with this email (null if none) and their facts, and whether the email's domain is an SSO domain. */
  async loadByEmail(email: string): Promise<{ facts: SubjectFacts | null; ssoDomainInUse: boolean }> {
    const [row] = await queryPrepared<FactsRow & { user: Row | null; ssoDomainInUse: boolean }>(
      this.db,
      'sign-in-subject',
      SIGN_IN_SUBJECT,
      [normalizeEmail(email), emailDomain(email)],
    );
    const user = row!.user && entityFromJson(this.db.manager, User, row!.user);
    return { facts: user && this.factsOf(user, row!, this.db.manager), ssoDomainInUse: row!.ssoDomainInUse };
  }

  private factsOf(user: User, row: FactsRow, manager: EntityManager): SubjectFacts {
    const memberships = row.memberships.map((joined) => {
      const company = entityFromJson(manager, Company, joined.company);
      company.policy = joined.policy && entityFromJson(manager, CompanyPolicy, joined.policy);
      return Object.assign(entityFromJson(manager, Membership, joined.membership), { company });
    });
    const activeFactors = row.factors.map((factor) => entityFromJson(manager, Factor, factor));
    const companyPolicies = memberships.flatMap((membership): CompanyPolicy[] =>
      membership.company.policy ? [membership.company.policy] : [],
    );
    return { user, memberships, companyPolicies, activeFactors, asOf: this.clock.now() };
  }
}
