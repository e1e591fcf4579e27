import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Locale } from '@sitepass/i18n';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Company } from '../companies/company.entity';
import { CompanyPolicy } from '../company-policies/company-policy.entity';
import { Factor } from '../factors/factor.entity';
import { entityFromJson } from '../json-rows';
import { Membership } from '../memberships/membership.entity';
import { SSO_DOMAIN_IN_USE_SQL } from '../memberships/sso';
import { queryPrepared } from '../prepared';
import { emailDomain, normalizeEmail } from './email';
import { User } from './user.entity';

/** A user with what decides their MFA: active memberships with companies and policies, and active factors. */
export interface UserWithFacts {
  user: User;
  memberships: Membership[];
  activeFactors: Factor[];
}

type Row = Record<string, unknown>;
type FactsRow = { memberships: Array<{ membership: Row; company: Row; policy: Row | null }>; factors: Row[] };

/**
 * Active memberships with their companies and policies, and active factors, of the user whose id is
 * `userId` (an SQL expression), as two JSON columns: this runs on every sign-in, refresh and MFA step,
 * where each round trip costs (PERF-2). A read across tables, owned here: it is a user's facts.
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
  SELECT to_jsonb(u) AS "user", ${SSO_DOMAIN_IN_USE_SQL('$2')} AS "ssoDomainInUse", ${factsColumns('u.id')}
  FROM (VALUES (1)) AS one LEFT JOIN users u ON u.email = $1`;

/** The users table (DIR-1): accounts, and the account-level MFA counters' readers (the attempt ledger writes them). */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(id: string, manager: EntityManager = this.db.manager): Promise<User | null> {
    return manager.findOneBy(User, { id });
  }

  /** The user's saved locale (I18N-2), null when they saved none or do not exist. */
  async findLocale(id: string): Promise<Locale | null> {
    const user = await this.db.manager.findOne(User, { where: { id }, select: { id: true, locale: true } });
    return user?.locale ?? null;
  }

  /** Saves the user's locale (I18N-2); false when there is no such user. */
  async saveLocale(id: string, locale: Locale | null, at: Date): Promise<boolean> {
    const { affected } = await this.db.manager.update(User, { id }, { locale, updatedAt: at });
    return (affected ?? 0) > 0;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.db.manager.findOneBy(User, { email: normalizeEmail(email) });
  }

  /**
   * Locks the user's row for the rest of the caller's transaction. Every change to a user's MFA (an attempt,
   * an activation, a removal, a reset, a deactivation) takes this lock first: they queue per user, on every
   * instance, and always lock rows in the same order, user first. NO KEY UPDATE, as an UPDATE of the row
   * takes: rows that reference the user (a new challenge, a session) can still be inserted meanwhile.
   */
  async lockForChange(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE`, [userId]);
  }

  /** The user, locked as `lockForChange` locks it, to be changed and saved in the same transaction. */
  findForChange(manager: EntityManager, userId: string): Promise<User | null> {
    return manager.findOne(User, { where: { id: userId }, lock: { mode: 'for_no_key_update' } });
  }

  /** RESET-2: after a reset the user owes a new factor, or, with `false`, no longer does (their first is confirmed). */
  async setReenrollmentRequired(manager: EntityManager, userId: string, required: boolean): Promise<void> {
    await manager.query(`UPDATE users SET mfa_reenrollment_required = $2 WHERE id = $1 AND mfa_reenrollment_required <> $2`, [
      userId,
      required,
    ]);
  }

  save(manager: EntityManager, user: User): Promise<User> {
    return manager.save(user);
  }

  /** Inserts a new user; null when the email is taken (the unique index decides, also for concurrent inserts). */
  async insert(user: User): Promise<User | null> {
    try {
      return await this.db.manager.save(user);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') return null;
      throw error;
    }
  }

  async loadFacts(user: User, manager: EntityManager = this.db.manager): Promise<UserWithFacts> {
    const [row]: FactsRow[] = await manager.query(FACTS, [user.id]);
    return factsOf(user, row!, manager);
  }

  /** The user with this email (null if none) and their facts, and whether the email's domain is an SSO domain. */
  async findSignInSubject(email: string): Promise<{ subject: UserWithFacts | null; ssoDomainInUse: boolean }> {
    const [row] = await queryPrepared<FactsRow & { user: Row | null; ssoDomainInUse: boolean }>(
      this.db,
      'sign-in-subject',
      SIGN_IN_SUBJECT,
      [normalizeEmail(email), emailDomain(email)],
    );
    const user = row!.user && entityFromJson(this.db.manager, User, row!.user);
    return { subject: user && factsOf(user, row!, this.db.manager), ssoDomainInUse: row!.ssoDomainInUse };
  }
}

function factsOf(user: User, row: FactsRow, manager: EntityManager): UserWithFacts {
  const memberships = row.memberships.map((joined) => {
    const company = entityFromJson(manager, Company, joined.company);
    company.policy = joined.policy && entityFromJson(manager, CompanyPolicy, joined.policy);
    return Object.assign(entityFromJson(manager, Membership, joined.membership), { company });
  });
  return { user, memberships, activeFactors: row.factors.map((factor) => entityFromJson(manager, Factor, factor)) };
}
