import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * POL-1 to POL-7, RESET-2: each company's MFA policy, the index behind the members' last MFA time, and a
 * `revoked` end for pending sign-ins that an admin reset cuts short.
 */
export class CompanyPolicies1764420000000 implements MigrationInterface {
  name = 'CompanyPolicies1764420000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE company_policies (
        company_id uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
        required boolean NOT NULL,
        enforcement_date date NOT NULL,
        time_zone text NOT NULL,
        enforcement_starts_at timestamptz NOT NULL,
        reauth_interval text NOT NULL DEFAULT '12h' CHECK (reauth_interval IN ('every_login', '12h', '7d', '30d')),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL
      )`);
    // The comment says what the column holds; the time zone alone cannot tell it.
    await db.query(
      `COMMENT ON COLUMN company_policies.enforcement_starts_at IS '00:00 of enforcement_date in time_zone, as a UTC instant (POL-2)'`,
    );
    await db.query(
      `COMMENT ON COLUMN company_policies.version IS 'incremented on every save; reminders carry it, so a moved deadline voids older ones (NOTE-1)'`,
    );

    // POL-7: the members' status report reads each member's latest MFA time.
    await db.query(`CREATE INDEX sessions_user_mfa_time_idx ON sessions (user_id, mfa_time DESC) WHERE mfa_time IS NOT NULL`);

    await db.query(`ALTER TABLE pending_sign_ins DROP CONSTRAINT pending_sign_ins_status_check`);
    await db.query(`
      ALTER TABLE pending_sign_ins ADD CONSTRAINT pending_sign_ins_status_check
      CHECK (status IN ('pending', 'completed', 'failed', 'revoked'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE pending_sign_ins SET status = 'failed' WHERE status = 'revoked'`);
    await db.query(`ALTER TABLE pending_sign_ins DROP CONSTRAINT pending_sign_ins_status_check`);
    await db.query(
      `ALTER TABLE pending_sign_ins ADD CONSTRAINT pending_sign_ins_status_check CHECK (status IN ('pending', 'completed', 'failed'))`,
    );
    await db.query(`DROP INDEX sessions_user_mfa_time_idx`);
    await db.query(`DROP TABLE company_policies`);
  }
}
