import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SES-6: whether a sign-in may trust its device is decided with the rest of the requirement at the
 * password step and kept on the pending sign-in, so completing it needs no second policy evaluation.
 */
export class PendingSignInDeviceTrust1764440000000 implements MigrationInterface {
  name = 'PendingSignInDeviceTrust1764440000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE pending_sign_ins ADD COLUMN trust_device boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE pending_sign_ins DROP COLUMN trust_device`);
  }
}
