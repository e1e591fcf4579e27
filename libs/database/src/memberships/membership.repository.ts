import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PayKind } from '../companies/company.entity';
import { offsetOf, PageRequest } from '../pagination';
import { ReadReplica } from '../read-replica';
import { normalizeEmail } from '../users/email';
import { User } from '../users/user.entity';
import { Membership, MembershipRole } from './membership.entity';
import { PayRole, payRolesAllowedFor } from './pay-roles';
import { SSO_USER_SQL } from './sso';

export interface BoundMember {
  userId: string;
  email: string;
  role: MembershipRole;
  /** Types of the member's active factors; empty when not enrolled. */
  factorTypes: string[];
  /** The latest MFA proof of any of the member's sessions. */
  lastMfaAt: Date | null;
}

/**
 * The members a company policy binds (POL-7): active users with an active membership, less SSO users,
 * whose MFA lives at their identity provider (DIR-5). Each with the types of their active factors.
 */
const BOUND_MEMBERS = `
  WITH bound AS (
    SELECT u.id AS user_id, u.email, m.role,
      ARRAY(SELECT DISTINCT f.type FROM factors f WHERE f.user_id = u.id AND f.status = 'active' ORDER BY f.type) AS factor_types
    FROM memberships m
    JOIN users u ON u.id = m.user_id
    WHERE m.company_id = $1 AND m.status = 'active' AND u.status = 'active' AND NOT ${SSO_USER_SQL('u')}
  )`;

/**
 * The memberships table (DIR-3), and the reads of a company's members. The member status report (POL-7)
 * reads from the replica (REL-4); every other read here decides something and reads the primary.
 */
@Injectable()
export class MembershipRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly replica: ReadReplica,
  ) {}

  find(userId: string, companyId: string): Promise<Membership | null> {
    return this.db.manager.findOne(Membership, { where: { userId, companyId }, relations: { company: true } });
  }

  /** Active memberships with their companies: inactive memberships never count (LOGIN-2). */
  activeOf(userId: string, manager: EntityManager = this.db.manager): Promise<Membership[]> {
    return manager.find(Membership, { where: { userId, status: 'active' }, relations: { company: true } });
  }

  /** An active member of the company, by login email, or null: resets name members this way (RESET-1, PAY-10). */
  async findActiveMemberByEmail(companyId: string, email: string): Promise<User | null> {
    const user = await this.db.manager.findOneBy(User, { email: normalizeEmail(email) });
    const membership = user && (await this.find(user.id, companyId));
    return user && membership?.status === 'active' ? user : null;
  }

  /**
   * The Pay roles a user holds through active memberships, each valid for its company's kind (PAY-1).
   * Plain SQL: the gateway asks on every Payments request (PERF-4).
   */
  async activePayRolesOf(userId: string): Promise<PayRole[]> {
    const rows: Array<{ pay_roles: PayRole[]; pay_kind: PayKind }> = await this.db.query(
      `SELECT m.pay_roles, c.pay_kind FROM memberships m JOIN companies c ON c.id = m.company_id
       WHERE m.user_id = $1 AND m.status = 'active' AND cardinality(m.pay_roles) > 0`,
      [userId],
    );
    return [...new Set(rows.flatMap((row) => row.pay_roles.filter((role) => payRolesAllowedFor(row.pay_kind).includes(role))))];
  }

  findOne(userId: string, companyId: string): Promise<Membership | null> {
    return this.db.manager.findOneBy(Membership, { userId, companyId });
  }

  save(membership: Membership): Promise<Membership> {
    return this.db.manager.save(membership);
  }

  /** The totals of the member status report (POL-7), from the replica (REL-4). */
  async boundMemberTotals(companyId: string): Promise<{ members: number; enrolled: number }> {
    const [row] = await this.replica.query<Array<{ members: number; enrolled: number }>>(
      `${BOUND_MEMBERS}
       SELECT count(*)::int AS members, (count(*) FILTER (WHERE cardinality(factor_types) > 0))::int AS enrolled FROM bound`,
      [companyId],
    );
    return row!;
  }

  /**
   * One page of the member status report by email, from the replica (REL-4); `enrolled` filters to those
   * with (true) or without (false) an active factor.
   */
  async boundMemberPage(companyId: string, enrolled: boolean | undefined, request: PageRequest): Promise<BoundMember[]> {
    const rows = await this.replica.query<
      Array<{ user_id: string; email: string; role: MembershipRole; factor_types: string[]; last_mfa_at: Date | null }>
    >(
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
      lastMfaAt: row.last_mfa_at,
    }));
  }

  /** Active members of a company whose MFA lives here: not SSO users of any of their companies (DIR-5, NOTE-1). */
  async noticeRecipients(manager: EntityManager, companyId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT u.id FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.company_id = $1 AND m.status = 'active' AND u.status = 'active' AND NOT ${SSO_USER_SQL('u')}`,
      [companyId],
    );
    return rows.map((row) => row.id);
  }
}
