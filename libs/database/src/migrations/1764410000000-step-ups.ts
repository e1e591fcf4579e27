import { MigrationInterface, QueryRunner } from 'typeorm';

/** PAY-6, PAY-7, PAY-9: operation-bound step-up grants, and the step-up failures of a session. */
export class StepUps1764410000000 implements MigrationInterface {
  name = 'StepUps1764410000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE step_up_grants (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        operation text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz
      )`);
    await db.query(`ALTER TABLE sessions ADD COLUMN step_up_failures integer NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions DROP COLUMN step_up_failures`);
    await db.query(`DROP TABLE step_up_grants`);
  }
}
