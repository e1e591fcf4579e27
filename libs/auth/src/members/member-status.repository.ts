import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FactorType, MembershipRole, offsetOf, PageRequest } from '@sitepass/database';

export interface MemberMfaStatus {
  userId: string;
  email: string;
  role: MembershipRole;
  /** Types of the member's active factors; empty when not enrolled. */
  factorTypes: FactorType[];
  enrolled: boolean;
  /** The latest MFA proof of any of the member's sessions. */
  lastMfaAt: string | null;
}

export interface MemberStatusTotals {
  members: number;
  enrolled: number;
  notEnrolled: number;
}

/**
 * The members a company policy binds (POL-7): active users with an active membership, less SSO users,
 * whose MFA lives at their identity provider (DIR-5, decided like `isSsoUser`). Each with the types of
 * their active factors.
 */
const BOUND_MEMBERS = `
  WITH bound AS (
    SELECT u.id AS user_id, u.email, m.role,
      ARRAY(SELECT DISTINCT f.type FROM factors f WHERE f.user_id = u.id AND f.status = 'active' ORDER BY f.type) AS factor_types
    FROM memberships m
    JOIN users u ON u.id = m.user_id
    WHERE m.company_id = $1 AND m.status = 'active' AND u.status = 'active'
      AND NOT EXISTS (
        SELECT 1 FROM memberships sso_membership JOIN companies sso_company ON sso_company.id = sso_membership.company_id
        WHERE sso_membership.user_id = u.id AND sso_membership.status = 'active'
          AND substring(u.email FROM '[^@]*$') = ANY (sso_company.sso_domains))
  )`;

interface MemberRow {
  user_id: string;
  email: string;
  role: MembershipRole;
  factor_types: FactorType[];
  last_mfa_at: Date | null;
}

/** Who a company's policy impacts and who is ready (POL-7). */
@Injectable()
export class MemberStatusRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async totals(companyId: string): Promise<MemberStatusTotals> {
    const [row] = await this.db.query<Array<{ members: number; enrolled: number }>>(
      `${BOUND_MEMBERS}
       SELECT count(*)::int AS members, (count(*) FILTER (WHERE cardinality(factor_types) > 0))::int AS enrolled FROM bound`,
      [companyId],
    );
    return { members: row!.members, enrolled: row!.enrolled, notEnrolled: row!.members - row!.enrolled };
  }

  /** One page by email; `enrolled` filters to those with (true) or without (false) an active factor. */
  async page(companyId: string, enrolled: boolean | undefined, request: PageRequest): Promise<MemberMfaStatus[]> {
    const rows = await this.db.query<MemberRow[]>(
      `${BOUND_MEMBERS}
       SELECT bound.*,
         (SELECT max(s.mfa_time) FROM sessions s WHERE s.user_id = bound.user_id AND s.mfa_time IS NOT NULL) AS last_mfa_at
       FROM bound
       WHERE $2::boolean IS NULL OR (cardinality(factor_types) > 0) = $2::boolean
       ORDER BY email, user_id
       LIMIT $3 OFFSET $4`,
      [companyId, enrolled ?? null, request.pageSize, offsetOf(request)],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      email: row.email,
      role: row.role,
      factorTypes: row.factor_types,
      enrolled: row.factor_types.length > 0,
      lastMfaAt: row.last_mfa_at?.toISOString() ?? null,
    }));
  }
}
