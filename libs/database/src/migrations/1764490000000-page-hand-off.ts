import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * WEB-2: a hosted page flow ends with a single-use code (60 s) that the product's back end exchanges, with the
 * PKCE verifier, for the tokens of a new session or for a step-up token (WEB-6). The code is stored as a
 * keyed hash with what it grants; `session_id` names the session an exchange opened, so that a second
 * exchange of the same code revokes it (RFC 6749 §4.1.2).
 */
export class PageHandOff1764490000000 implements MigrationInterface {
  name = 'PageHandOff1764490000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE authorization_codes (
        code_hash text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('session', 'step_up')),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        audience text NOT NULL CHECK (audience IN ('standard', 'pay')),
        acr text NOT NULL,
        amr text[] NOT NULL,
        mfa_time timestamptz,
        operation text,
        code_challenge text NOT NULL,
        return_to text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        session_id uuid REFERENCES sessions (id) ON DELETE SET NULL,
        CHECK ((kind = 'step_up') = (operation IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX authorization_codes_expiry_idx ON authorization_codes (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE authorization_codes`);
  }
}
