import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PAY-11, DIR-6: Pay after single sign-on.
 * - A company's OpenID Connect provider: the issuer and client id its ID tokens carry, and where its keys are.
 * - The nonces of ID tokens already used to sign in, per issuer, until the tokens expire: an ID token signs
 *   in once, on every instance (a replayed token, or its nonce, is refused).
 * - A pending sign-in remembers how the first step was proven (`pwd` or `fed`), for the session's `amr`.
 */
export class PaySso1764480000000 implements MigrationInterface {
  name = 'PaySso1764480000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE company_identity_providers (
        company_id uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
        issuer text NOT NULL,
        client_id text NOT NULL,
        jwks_uri text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX company_identity_providers_issuer_idx ON company_identity_providers (issuer, client_id)`);
    await db.query(`
      CREATE TABLE used_id_token_nonces (
        digest text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX used_id_token_nonces_expiry_idx ON used_id_token_nonces (expires_at)`);
    await db.query(
      `ALTER TABLE pending_sign_ins ADD COLUMN first_factor text NOT NULL DEFAULT 'pwd' CHECK (first_factor IN ('pwd', 'fed'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE pending_sign_ins DROP COLUMN first_factor`);
    await db.query(`DROP TABLE used_id_token_nonces`);
    await db.query(`DROP TABLE company_identity_providers`);
  }
}
