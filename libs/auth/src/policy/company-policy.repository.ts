import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Company, CompanyPolicy } from '@sitepass/database';

export type PolicyTerms = Pick<CompanyPolicy, 'required' | 'enforcementDate' | 'timeZone' | 'enforcementStartsAt' | 'reauthInterval'>;

/** Company policies: read, locked and saved by a company admin (a subject's facts read them too). */
@Injectable()
export class CompanyPolicyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByCompany(companyId: string, manager: EntityManager = this.db.manager): Promise<CompanyPolicy | null> {
    return manager.findOneBy(CompanyPolicy, { companyId });
  }

  /** Locks the company row, so that saves of one company's policy happen one after the other; null if none. */
  async lockCompany(companyId: string, manager: EntityManager): Promise<Company | null> {
    return manager.findOne(Company, { where: { id: companyId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts the policy at version 1 or replaces its terms and bumps the version (NOTE-1 keys reminders on it). */
  async save(companyId: string, terms: PolicyTerms, updatedBy: string, now: Date, manager: EntityManager): Promise<CompanyPolicy> {
    await manager.query(
      `INSERT INTO company_policies
         (company_id, required, enforcement_date, time_zone, enforcement_starts_at, reauth_interval, version, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8)
       ON CONFLICT (company_id) DO UPDATE SET
         required = EXCLUDED.required, enforcement_date = EXCLUDED.enforcement_date, time_zone = EXCLUDED.time_zone,
         enforcement_starts_at = EXCLUDED.enforcement_starts_at, reauth_interval = EXCLUDED.reauth_interval,
         version = company_policies.version + 1, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [companyId, terms.required, terms.enforcementDate, terms.timeZone, terms.enforcementStartsAt, terms.reauthInterval, updatedBy, now],
    );
    return (await this.findByCompany(companyId, manager))!;
  }
}
