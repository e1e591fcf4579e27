import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PASSKEY-1 to PASSKEY-3: `webauthn` joins the factor types. A passkey is a factor row (named by its user)
 * with one credential row: the credential's id, its public key (COSE), the signature counter that reveals a
 * cloned key, its transports and backup flags. A challenge keeps the random bytes a ceremony must sign.
 * A passwordless sign-in names no user before its answer, so its challenge is a ceremony row of its own,
 * spent by one conditional UPDATE. A company may forbid passwordless sign-in to its members.
 */
export class Passkeys1764510000000 implements MigrationInterface {
  name = 'Passkeys1764510000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE factors DROP CONSTRAINT factors_type_check`);
    await db.query(`ALTER TABLE factors ADD CONSTRAINT factors_type_check CHECK (type IN ('totp', 'sms', 'webauthn'))`);
    await db.query(`ALTER TABLE factors ADD COLUMN name text CHECK (char_length(name) BETWEEN 1 AND 64)`);
    // One active app and one active number per user still; passkeys come several to a user.
    await db.query(`DROP INDEX factors_one_active_per_type`);
    await db.query(
      `CREATE UNIQUE INDEX factors_one_active_per_type ON factors (user_id, type) WHERE status = 'active' AND type <> 'webauthn'`,
    );
    await db.query(`ALTER TABLE challenges ADD COLUMN webauthn_challenge text`);
    await db.query(`
      CREATE TABLE webauthn_credentials (
        factor_id uuid PRIMARY KEY REFERENCES factors (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        credential_id text NOT NULL UNIQUE,
        public_key bytea NOT NULL,
        sign_count bigint NOT NULL CHECK (sign_count >= 0),
        transports text[] NOT NULL,
        device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
        backed_up boolean NOT NULL,
        aaguid text NOT NULL,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz
      )`);
    await db.query(`CREATE INDEX webauthn_credentials_user_idx ON webauthn_credentials (user_id)`);
    await db.query(`
      CREATE TABLE passkey_ceremonies (
        id uuid PRIMARY KEY,
        audience text NOT NULL CHECK (audience IN ('standard', 'pay')),
        challenge text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query(`CREATE INDEX passkey_ceremonies_expiry_idx ON passkey_ceremonies (expires_at)`);
    await db.query(`ALTER TABLE company_policies ADD COLUMN passwordless_allowed boolean NOT NULL DEFAULT true`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE company_policies DROP COLUMN passwordless_allowed`);
    await db.query(`DROP TABLE passkey_ceremonies`);
    await db.query(`DROP TABLE webauthn_credentials`);
    await db.query(`ALTER TABLE challenges DROP COLUMN webauthn_challenge`);
    await db.query(`DELETE FROM factors WHERE type = 'webauthn'`);
    await db.query(`DROP INDEX factors_one_active_per_type`);
    await db.query(`CREATE UNIQUE INDEX factors_one_active_per_type ON factors (user_id, type) WHERE status = 'active'`);
    await db.query(`ALTER TABLE factors DROP COLUMN name`);
    await db.query(`ALTER TABLE factors DROP CONSTRAINT factors_type_check`);
    await db.query(`ALTER TABLE factors ADD CONSTRAINT factors_type_check CHECK (type IN ('totp', 'sms'))`);
  }
}
