import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP-*, REC-*, LOGIN-*, SES-6: factors, pending sign-ins, challenges, recovery codes, trusted devices,
 * and the account's consecutive MFA failures.
 */
export class FactorsAndChallenges1764390000000 implements MigrationInterface {
  name = 'FactorsAndChallenges1764390000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users
        ADD COLUMN mfa_failure_count integer NOT NULL DEFAULT 0,
        ADD COLUMN mfa_blocked_until timestamptz,
        ADD COLUMN mfa_locked_at timestamptz`);

    await db.query(`
      CREATE TABLE factors (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('totp', 'sms')),
        status text NOT NULL CHECK (status IN ('pending', 'active', 'revoked')),
        secret_ciphertext text,
        secret_key_id text,
        last_used_step bigint,
        phone_number text,
        replaces_factor_id uuid REFERENCES factors (id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        activated_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text,
        CHECK (type <> 'totp' OR (secret_ciphertext IS NOT NULL AND secret_key_id IS NOT NULL))
      )`);
    // TOTP-5, SMS-9: one active factor of each type per account, whatever the application does.
    await db.query(`CREATE UNIQUE INDEX factors_one_active_per_type ON factors (user_id, type) WHERE status = 'active'`);
    await db.query(`CREATE INDEX factors_user_idx ON factors (user_id)`);
    // The re-encryption command walks the rows still sealed under an older key.
    await db.query(`CREATE INDEX factors_secret_key_idx ON factors (secret_key_id) WHERE secret_ciphertext IS NOT NULL`);

    await db.query(`
      CREATE TABLE pending_sign_ins (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        audience text NOT NULL CHECK (audience IN ('standard', 'pay')),
        token_hash text NOT NULL UNIQUE,
        enrollment_required boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
        failed_attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);
    await db.query(`CREATE INDEX pending_sign_ins_user_idx ON pending_sign_ins (user_id) WHERE status = 'pending'`);

    await db.query(`
      CREATE TABLE challenges (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        factor_id uuid NOT NULL REFERENCES factors (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('sign_in', 'reauthentication', 'enrollment', 'step_up')),
        pending_sign_in_id uuid REFERENCES pending_sign_ins (id) ON DELETE CASCADE,
        session_id uuid REFERENCES sessions (id) ON DELETE CASCADE,
        operation text,
        status text NOT NULL CHECK (status IN ('pending', 'verified', 'failed', 'revoked')),
        failed_attempts integer NOT NULL DEFAULT 0,
        code_hash text,
        code_ciphertext text,
        code_key_id text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        verified_at timestamptz,
        last_sent_at timestamptz,
        resend_available_at timestamptz
      )`);
    await db.query(`CREATE INDEX challenges_user_idx ON challenges (user_id) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX challenges_factor_idx ON challenges (factor_id)`);

    await db.query(`
      CREATE TABLE recovery_codes (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        redeemed_at timestamptz,
        voided_at timestamptz
      )`);
    // REC-1: at most one live recovery code per account.
    await db.query(`
      CREATE UNIQUE INDEX recovery_codes_one_live ON recovery_codes (user_id)
      WHERE redeemed_at IS NULL AND voided_at IS NULL`);

    await db.query(`
      CREATE TABLE trusted_devices (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        amr text[] NOT NULL,
        mfa_time timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX trusted_devices_user_idx ON trusted_devices (user_id) WHERE revoked_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE trusted_devices`);
    await db.query(`DROP TABLE recovery_codes`);
    await db.query(`DROP TABLE challenges`);
    await db.query(`DROP TABLE pending_sign_ins`);
    await db.query(`DROP TABLE factors`);
    await db.query(`ALTER TABLE users DROP COLUMN mfa_failure_count, DROP COLUMN mfa_blocked_until, DROP COLUMN mfa_locked_at`);
  }
}
