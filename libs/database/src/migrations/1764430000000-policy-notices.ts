import { MigrationInterface, QueryRunner } from 'typeorm';

/** NOTE-1: saving a new deadline cancels the company's pending announcements and reminders in one UPDATE. */
export class PolicyNotices1764430000000 implements MigrationInterface {
  name = 'PolicyNotices1764430000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX outbox_pending_policy_notices_idx ON outbox ((params->>'companyId'))
      WHERE kind = 'email' AND status = 'pending' AND purpose IN ('policy_announcement', 'policy_reminder')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX outbox_pending_policy_notices_idx`);
  }
}
