import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Columns the abuse-resistance rules need (section 15 of the spec):
 * - a pending sign-in remembers which existing factor was proven in it, so that a user with an active
 *   factor the product does not accept can still enroll one it does, but never with the password alone
 *   (ABUSE-3); such a proof is a challenge of purpose `proof`;
 * - a factor keeps the TOTP steps it refused as clock-skewed, so that a revealed future code is never
 *   accepted later (ABUSE-6);
 * - a trusted device names the factor whose proof trusted it, and when and from where (ABUSE-9).
 */
export class AbuseResistance1764460000000 implements MigrationInterface {
  name = 'AbuseResistance1764460000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE pending_sign_ins ADD COLUMN proven_factor_id uuid REFERENCES factors (id) ON DELETE CASCADE`);
    await db.query(`ALTER TABLE challenges DROP CONSTRAINT challenges_purpose_check`);
    await db.query(`
      ALTER TABLE challenges ADD CONSTRAINT challenges_purpose_check
      CHECK (purpose IN ('sign_in', 'reauthentication', 'enrollment', 'step_up', 'proof'))`);
    await db.query(`ALTER TABLE factors ADD COLUMN refused_steps bigint[] NOT NULL DEFAULT '{}'`);
    await db.query(`ALTER TABLE trusted_devices ADD COLUMN factor_id uuid REFERENCES factors (id) ON DELETE CASCADE`);
    await db.query(`ALTER TABLE trusted_devices ADD COLUMN ip text, ADD COLUMN user_agent text`);
    // Devices trusted before a device knew its factor are no longer trusted: they sign in with MFA once more.
    await db.query(`UPDATE trusted_devices SET revoked_at = now() WHERE factor_id IS NULL AND revoked_at IS NULL`);
    await db.query(`CREATE INDEX trusted_devices_factor_idx ON trusted_devices (factor_id) WHERE revoked_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX trusted_devices_factor_idx`);
    await db.query(`ALTER TABLE trusted_devices DROP COLUMN factor_id, DROP COLUMN ip, DROP COLUMN user_agent`);
    await db.query(`ALTER TABLE factors DROP COLUMN refused_steps`);
    await db.query(`DELETE FROM challenges WHERE purpose = 'proof'`);
    await db.query(`ALTER TABLE challenges DROP CONSTRAINT challenges_purpose_check`);
    await db.query(`
      ALTER TABLE challenges ADD CONSTRAINT challenges_purpose_check
      CHECK (purpose IN ('sign_in', 'reauthentication', 'enrollment', 'step_up'))`);
    await db.query(`ALTER TABLE pending_sign_ins DROP COLUMN proven_factor_id`);
  }
}
