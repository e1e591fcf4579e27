import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DIR-5: every password sign-in asks whether the email's domain is an SSO domain of some company. A GIN
 * index answers `sso_domains @> ARRAY[domain]` without reading every company.
 */
export class CompanySsoDomainIndex1764450000000 implements MigrationInterface {
  name = 'CompanySsoDomainIndex1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX companies_sso_domains_idx ON companies USING gin (sso_domains)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX companies_sso_domains_idx`);
  }
}
