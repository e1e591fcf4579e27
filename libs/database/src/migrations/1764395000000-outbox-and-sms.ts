import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SMS-3, SMS-4, NOTE-3: the transactional outbox. An accepted SMS or email is a row here, written in the
 * same transaction as the change that caused it; the worker's relay moves rows to BullMQ and the
 * processors record each delivery's outcome back here. Redis may lose everything; this table may not.
 */
export class OutboxAndSms1764395000000 implements MigrationInterface {
  name = 'OutboxAndSms1764395000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('sms', 'email')),
        purpose text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        challenge_id uuid REFERENCES challenges (id) ON DELETE CASCADE,
        factor_id uuid REFERENCES factors (id) ON DELETE CASCADE,
        params jsonb NOT NULL DEFAULT '{}',
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        available_at timestamptz NOT NULL,
        last_enqueued_at timestamptz,
        lease_expires_at timestamptz,
        sent_at timestamptz,
        failed_at timestamptz,
        provider_message_id text,
        provider_status text,
        last_error text
      )`);
    // The relay's scan: rows still to deliver, by when they are due.
    await db.query(`CREATE INDEX outbox_due_idx ON outbox (available_at) WHERE status IN ('pending', 'sending')`);
    await db.query(`CREATE INDEX outbox_challenge_idx ON outbox (challenge_id) WHERE challenge_id IS NOT NULL`);
    // The relay LISTENs: a committed row is announced at once, so delivery does not wait for the next scan.
    await db.query(`
      CREATE FUNCTION outbox_announce() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', NEW.id::text);
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER outbox_announce AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_announce()`);

    // SMS-2: only the newest code of a challenge is valid; the delivery that carries it is named here.
    await db.query(`ALTER TABLE challenges ADD COLUMN delivery_id uuid`);
    // SMS-2: sealed codes are erased once expired; this finds the few still waiting.
    await db.query(`CREATE INDEX challenges_sealed_code_idx ON challenges (expires_at) WHERE code_ciphertext IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE challenges DROP COLUMN delivery_id`);
    await db.query(`DROP TABLE outbox`);
    await db.query(`DROP FUNCTION outbox_announce`);
  }
}
