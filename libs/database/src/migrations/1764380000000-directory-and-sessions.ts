import { MigrationInterface, QueryRunner } from 'typeorm';

/** DIR-1 to DIR-3, SES-4 and SES-7, AUD-2: the directory, sessions with rotating refresh tokens, audit. */
export class DirectoryAndSessions1764380000000 implements MigrationInterface {
  name = 'DirectoryAndSessions1764380000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        password_hash text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
        always_require_mfa boolean NOT NULL DEFAULT false,
        support boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // Emails are unique regardless of case (DIR-1); the application stores them lower-cased.
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);

    await db.query(`
      CREATE TABLE companies (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        sso_domains text[] NOT NULL DEFAULT '{}',
        pay_kind text NOT NULL DEFAULT 'none' CHECK (pay_kind IN ('none', 'payor', 'payee')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);

    await db.query(`
      CREATE TABLE memberships (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin', 'member')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
        pay_roles text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, company_id)
      )`);
    await db.query(`CREATE INDEX memberships_company_idx ON memberships (company_id)`);

    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        audience text NOT NULL CHECK (audience IN ('standard', 'pay')),
        acr text NOT NULL CHECK (acr IN ('aal1', 'aal2')),
        amr text[] NOT NULL,
        auth_time timestamptz NOT NULL,
        mfa_time timestamptz,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text
      )`);
    await db.query(`CREATE INDEX sessions_live_by_user_idx ON sessions (user_id) WHERE revoked_at IS NULL`);
    // Rebuilding Redis's revocation set after Redis lost its data reads the recently revoked sessions.
    await db.query(`CREATE INDEX sessions_revoked_at_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL`);

    await db.query(`
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        rotated_at timestamptz
      )`);
    await db.query(`CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id)`);

    await db.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        type text NOT NULL,
        actor_user_id uuid,
        subject_user_id uuid,
        company_id uuid,
        ip text,
        user_agent text,
        request_id text,
        data jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX audit_events_company_idx ON audit_events (company_id, id DESC)`);
    await db.query(`CREATE INDEX audit_events_subject_idx ON audit_events (subject_user_id, id DESC)`);
    // AUD-2: the database, not the application's good manners, keeps the audit trail append-only.
    await db.query(`
      CREATE FUNCTION audit_events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP;
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_are_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP FUNCTION audit_events_are_append_only`);
    await db.query(`DROP TABLE refresh_tokens`);
    await db.query(`DROP TABLE sessions`);
    await db.query(`DROP TABLE memberships`);
    await db.query(`DROP TABLE companies`);
    await db.query(`DROP TABLE users`);
  }
}
