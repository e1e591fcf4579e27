import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CompanyPolicy } from './company-policy.entity';

export type PolicyTerms = Pick<
  CompanyPolicy,
  'required' | 'enforcementDate' | 'timeZone' | 'enforcementStartsAt' | 'reauthInterval' | 'passwordlessAllowed'
>;

/** Company policies: read, locked and saved by a company admin (a subject's facts read them too). */
@Injectable()
export class CompanyPolicyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByCompany(companyId: string, manager: EntityManager = this.db.manager): Promise<CompanyPolicy | null> {
    return manager.findOneBy(CompanyPolicy, { companyId });
  }

  /** Inserts the policy at version 1 or replaces its terms and bumps the version (NOTE-1 keys reminders on it). */
  async save(companyId: string, terms: PolicyTerms, updatedBy: string, now: Date, manager: EntityManager): Promise<CompanyPolicy> {
    await manager.query(
      `INSERT INTO company_policies
         (company_id, required, enforcement_date, time_zone, enforcement_starts_at, reauth_interval, passwordless_allowed,
          version, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $9, 1, $7, $8)
       ON CONFLICT (company_id) DO UPDATE SET
         required = EXCLUDED.required, enforcement_date = EXCLUDED.enforcement_date, time_zone = EXCLUDED.time_zone,
         enforcement_starts_at = EXCLUDED.enforcement_starts_at, reauth_interval = EXCLUDED.reauth_interval,
         passwordless_allowed = EXCLUDED.passwordless_allowed,
         version = company_policies.version + 1, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [
        companyId,
        terms.required,
        terms.enforcementDate,
        terms.timeZone,
        terms.enforcementStartsAt,
        terms.reauthInterval,
        updatedBy,
        now,
        terms.passwordlessAllowed,
      ],
    );
    return (await this.findByCompany(companyId, manager))!;
  }

  /**
   * What a policy email needs to be still true when the worker sends it (NOTE-1): the policy's current
   * deadline, whether the user is still an active member, and whether they have enrolled since.
   */
  async reminderFacts(
    companyId: string,
    userId: string,
  ): Promise<{ required: boolean; enforcementStartsAt: Date; enrolled: boolean } | null> {
    const [row] = await this.db.query(
      `SELECT p.required, p.enforcement_starts_at,
         EXISTS (SELECT 1 FROM factors f WHERE f.user_id = m.user_id AND f.status = 'active') AS enrolled
       FROM company_policies p JOIN memberships m ON m.company_id = p.company_id AND m.user_id = $2 AND m.status = 'active'
       WHERE p.company_id = $1`,
      [companyId, userId],
    );
    return row ? { required: row.required, enforcementStartsAt: row.enforcement_starts_at, enrolled: row.enrolled } : null;
  }
}
