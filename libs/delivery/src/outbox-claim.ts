import { Injectable } from '@nestjs/common';
import { addSeconds, Clock } from '@sitepass/common';
import { OutboxEntry, writeReturning } from '@sitepass/database';
import { EntityManager } from 'typeorm';

interface ClaimedRow {
  id: string;
  kind: OutboxEntry['kind'];
  purpose: string;
  user_id: string | null;
  challenge_id: string | null;
  factor_id: string | null;
  params: OutboxEntry['params'];
  attempts: number;
  created_at: Date;
}

/** Long enough for a slow provider call; a worker that dies mid-send gives the row back after it. */
const LEASE_SECONDS = 60;

/**
 * The worker's re-check before any send (SMS-4): a row is claimed only while it is pending, or while a
 * dead worker's lease has run out. Sent, failed and cancelled rows are never sent again, and two
 * workers holding the same job (after a Redis wipe and a re-enqueue) never both send.
 */
@Injectable()
export class OutboxClaims {
  constructor(private readonly clock: Clock) {}

  async claim(manager: EntityManager, outboxId: string): Promise<OutboxEntry | null> {
    const now = this.clock.now();
    const [row] = await writeReturning<ClaimedRow>(
      manager,
      `UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_expires_at = $2
       WHERE id = $1 AND available_at <= $3 AND (status = 'pending' OR (status = 'sending' AND lease_expires_at < $3))
       RETURNING id, kind, purpose, user_id, challenge_id, factor_id, params, attempts, created_at`,
      [outboxId, addSeconds(now, LEASE_SECONDS), now],
    );
    if (!row) return null;
    // The claim returns what delivery needs, saving a read per message (PERF-3).
    return Object.assign(new OutboxEntry(), {
      id: row.id,
      kind: row.kind,
      purpose: row.purpose,
      status: 'sending',
      userId: row.user_id,
      challengeId: row.challenge_id,
      factorId: row.factor_id,
      params: row.params,
      attempts: row.attempts,
      createdAt: row.created_at,
    });
  }

  async markSent(manager: EntityManager, outboxId: string, receipt: { messageId: string; status: string }): Promise<void> {
    await manager.query(
      `UPDATE outbox SET status = 'sent', sent_at = $2, provider_message_id = $3, provider_status = $4, lease_expires_at = NULL, last_error = NULL
       WHERE id = $1`,
      [outboxId, this.clock.now(), receipt.messageId, receipt.status],
    );
  }

  async markFailed(manager: EntityManager, outboxId: string, error: string): Promise<void> {
    await manager.query(`UPDATE outbox SET status = 'failed', failed_at = $2, last_error = $3, lease_expires_at = NULL WHERE id = $1`, [
      outboxId,
      this.clock.now(),
      error,
    ]);
  }

  /** Gives the row back for BullMQ's next attempt. */
  async release(manager: EntityManager, outboxId: string, error: string): Promise<void> {
    await manager.query(
      `UPDATE outbox SET status = 'pending', last_error = $2, lease_expires_at = NULL WHERE id = $1 AND status = 'sending'`,
      [outboxId, error],
    );
  }

  async cancel(manager: EntityManager, outboxId: string, reason: string): Promise<void> {
    await manager.query(`UPDATE outbox SET status = 'cancelled', last_error = $2, lease_expires_at = NULL WHERE id = $1`, [
      outboxId,
      reason,
    ]);
  }
}
