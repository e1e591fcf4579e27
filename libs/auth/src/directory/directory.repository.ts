import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Company, Membership, normalizeEmail, PayKind, PayRole, payRolesAllowedFor, User } from '@sitepass/database';

/** Queries over users, companies and memberships, named for what the domain asks of them. */
@Injectable()
export class DirectoryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findUserById(id: string, manager: EntityManager = this.db.manager): Promise<User | null> {
    return manager.findOneBy(User, { id });
  }

  /**
   * Locks the user's row for the rest of the caller's transaction. Every change to a user's MFA (an attempt,
   * an activation, a removal, a reset, a deactivation) takes this lock first: they queue per user, on every
   * instance, and always lock rows in the same order, user first. NO KEY UPDATE, as an UPDATE of the row
   * takes: rows that reference the user (a new challenge, a session) can still be inserted meanwhile.
   */
  async lockUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE`, [userId]);
  }

  findUserByEmail(email: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { email: normalizeEmail(email) });
  }

  findCompanyById(id: string): Promise<Company | null> {
    return this.db.manager.findOneBy(Company, { id });
  }

  findCompanyByName(name: string): Promise<Company | null> {
    return this.db.manager.findOneBy(Company, { name });
  }

  findMembership(userId: string, companyId: string): Promise<Membership | null> {
    return this.db.manager.findOne(Membership, { where: { userId, companyId }, relations: { company: true } });
  }

  /** An active member of the company, by login email, or null: resets name members this way (RESET-1, PAY-10). */
  async findActiveMemberByEmail(companyId: string, email: string): Promise<User | null> {
    const user = await this.findUserByEmail(email);
    const membership = user && (await this.findMembership(user.id, companyId));
    return user && membership?.status === 'active' ? user : null;
  }

  /** Active memberships with their companies: inactive memberships never count (LOGIN-2). */
  activeMembershipsOf(userId: string, manager: EntityManager = this.db.manager): Promise<Membership[]> {
    return manager.find(Membership, { where: { userId, status: 'active' }, relations: { company: true } });
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
}
