import { Injectable } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import { Locale } from '@sitepass/i18n';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain.error';
import { PasswordHasher } from '../passwords/password-hasher';
import {
  Company,
  CompanyRepository,
  Membership,
  MembershipRepository,
  MembershipRole,
  MembershipStatus,
  normalizeEmail,
  PayKind,
  PayRole,
  payRolesAllowedFor,
  User,
  UserRepository,
  UserStatus,
} from '@sitepass/database';

export interface NewUser {
  email: string;
  password?: string;
  status?: UserStatus;
  alwaysRequireMfa?: boolean;
  support?: boolean;
  /** The language the user reads (I18N-2); null or absent follows their requests' Accept-Language. */
  locale?: Locale | null;
}

export type UserChanges = Partial<Omit<NewUser, 'email'>>;

export interface NewCompany {
  name: string;
  ssoDomains?: string[];
  payKind?: PayKind;
}

export interface MembershipTerms {
  role: MembershipRole;
  status?: MembershipStatus;
  payRoles?: PayRole[];
}

/** DIR-4: the directory as the platform's own back end maintains it. Not a registration product. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly users: UserRepository,
    private readonly companies: CompanyRepository,
    private readonly memberships: MembershipRepository,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async createUser(input: NewUser): Promise<User> {
    const now = this.clock.now();
    const created = await this.users.insert(
      Object.assign(new User(), {
        id: randomUUID(),
        email: normalizeEmail(input.email),
        passwordHash: input.password ? await this.passwords.hash(input.password) : null,
        status: input.status ?? 'active',
        alwaysRequireMfa: input.alwaysRequireMfa ?? false,
        support: input.support ?? false,
        locale: input.locale ?? null,
        mfaFailureCount: 0,
        mfaBlockedUntil: null,
        mfaLockedAt: null,
        mfaReenrollmentRequired: false,
        createdAt: now,
        updatedAt: now,
      }),
    );
    if (!created) throw DomainError.of('error.email_taken');
    return created;
  }

  /**
   * Applies changes inside the caller's transaction, locking the user's row first. A new password comes
   * hashed: argon2 takes tens of milliseconds and never runs under a row lock.
   */
  async updateUser(
    manager: EntityManager,
    userId: string,
    changes: Omit<UserChanges, 'password'> & { passwordHash?: string },
  ): Promise<User> {
    const user = await this.users.findForChange(manager, userId);
    if (!user) throw DomainError.of('error.not_found.user');
    if (changes.passwordHash !== undefined) user.passwordHash = changes.passwordHash;
    if (changes.status !== undefined) user.status = changes.status;
    if (changes.alwaysRequireMfa !== undefined) user.alwaysRequireMfa = changes.alwaysRequireMfa;
    if (changes.support !== undefined) user.support = changes.support;
    if (changes.locale !== undefined) user.locale = changes.locale;
    user.updatedAt = this.clock.now();
    return this.users.save(manager, user);
  }

  localeOf(userId: string): Promise<Locale | null> {
    return this.users.findLocale(userId);
  }

  /** The user's own choice of language (I18N-2); null goes back to Accept-Language. */
  async saveLocale(userId: string, locale: Locale | null): Promise<void> {
    if (!(await this.users.saveLocale(userId, locale, this.clock.now()))) throw DomainError.of('error.not_found.user');
  }

  async createCompany(input: NewCompany): Promise<Company> {
    const now = this.clock.now();
    return this.companies.insert(
      Object.assign(new Company(), {
        id: randomUUID(),
        name: input.name.trim(),
        ssoDomains: (input.ssoDomains ?? []).map((domain) => domain.trim().toLowerCase()),
        payKind: input.payKind ?? 'none',
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  /** Creates or replaces a membership; Pay roles must fit the company's kind (PAY-1). */
  async setMembership(companyId: string, userId: string, terms: MembershipTerms): Promise<Membership> {
    const [company, user] = await Promise.all([this.companies.findById(companyId), this.users.findById(userId)]);
    if (!company) throw DomainError.of('error.not_found.company');
    if (!user) throw DomainError.of('error.not_found.user');
    const payRoles = [...new Set(terms.payRoles ?? [])];
    const allowed = payRolesAllowedFor(company.payKind);
    const misfits = payRoles.filter((role) => !allowed.includes(role));
    if (misfits.length > 0) {
      throw DomainError.of('error.invalid_pay_role', { roles: misfits }, { args: { payKind: company.payKind, roles: misfits.join(', ') } });
    }
    const now = this.clock.now();
    const existing = await this.memberships.findOne(userId, companyId);
    return this.memberships.save(
      Object.assign(new Membership(), {
        userId,
        companyId,
        role: terms.role,
        status: terms.status ?? 'active',
        payRoles,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      }),
    );
  }
}
