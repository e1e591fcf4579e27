import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ABUSE-16: the first factor enrolled inside a sign-in is also proven with a code emailed to the account. One
 * row per pending factor that needs it: the code's keyed hash to check it, a sealed copy for the worker only
 * (erased once delivered or expired, as an SMS code is), the tries taken, and when it was spent.
 */
export class EnrollmentEmailProofs1764520000000 implements MigrationInterface {
  name = 'EnrollmentEmailProofs1764520000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE enrollment_email_proofs (
        factor_id uuid PRIMARY KEY REFERENCES factors (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        code_ciphertext text,
        code_key_id text,
        delivery_id uuid NOT NULL,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query(`CREATE INDEX enrollment_email_proofs_user_idx ON enrollment_email_proofs (user_id)`);
    await db.query(
      `CREATE INDEX enrollment_email_proofs_sealed_code_idx ON enrollment_email_proofs (expires_at) WHERE code_ciphertext IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE enrollment_email_proofs`);
  }
}
