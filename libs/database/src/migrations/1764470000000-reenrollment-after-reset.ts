import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RESET-2, RESET-5: a reset leaves the user owing a new factor, whatever their companies' policies say. A
 * user who chose MFA in a company whose policy is off would otherwise sign in with the password alone after
 * support reset them; the flag makes the next sign-in an enrollment, and the first factor confirmed clears it.
 */
export class ReenrollmentAfterReset1764470000000 implements MigrationInterface {
  name = 'ReenrollmentAfterReset1764470000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN mfa_reenrollment_required boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN mfa_reenrollment_required`);
  }
}
