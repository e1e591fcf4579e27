import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { writeReturning } from '../returning';
import { OutboxEntry, OutboxKind, OutboxStatus } from './outbox.entity';

interface ClaimedRow {
  id: string;
  kind: OutboxKind;
  purpose: string;
  user_id: string | null;
  challenge_id: string | null;
  factor_id: string | null;
  params: OutboxEntry['params'];
  attempts: number;
  created_at: Date;
}

/**
 * The outbox of accepted messages (SMS-3, NOTE-3): written by producers in their own transactions, claimed
 * and finished by the worker. Rows move pending → sending → sent | failed | cancelled; a sending row whose
 * lease ran out is pending again.
 */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Many rows in few statements: a policy announcement goes to every member of a company at once. */
  async insertMany(manager: EntityManager, rows: OutboxEntry[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 1000) await manager.insert(OutboxEntry, rows.slice(start, start + 1000));
  }

  /** A resend voids the earlier code: its undelivered message must not go out (SMS-2). */
  async cancelPendingForChallenge(manager: EntityManager, challengeId: string): Promise<void> {
    await manager.query(`UPDATE outbox SET status = 'cancelled' WHERE challenge_id = $1 AND status = 'pending'`, [challengeId]);
  }

  /** Pending emails of these purposes about one company: a moved deadline cancels its reminders (NOTE-1). */
  async cancelPendingEmailsOfCompany(manager: EntityManager, companyId: string, purposes: string[], reason: string): Promise<void> {
    await manager.query(
      `UPDATE outbox SET status = 'cancelled', last_error = $3
       WHERE kind = 'email' AND status = 'pending' AND purpose = ANY($2) AND params->>'companyId' = $1`,
      [companyId, purposes, reason],
    );
  }

  /** Where a message is (SMS-3): `sending` reads as pending to a client. */
  async deliveryStatus(outboxId: string): Promise<{ status: OutboxStatus; failedAt: Date | null } | null> {
    const [row] = await this.db.query(`SELECT status, failed_at FROM outbox WHERE id = $1`, [outboxId]);
    return row ? { status: row.status, failedAt: row.failed_at } : null;
  }

  /**
   * The worker's re-check before any send (SMS-4): a row is claimed only while it is pending, or while a
   * dead worker's lease has run out. Sent, failed and cancelled rows are never sent again, and two
   * workers holding the same job (after a Redis wipe and a re-enqueue) never both send. The claim returns
   * what delivery needs, saving a read per message (PERF-3).
   */
  async claim(outboxId: string, leaseUntil: Date, now: Date): Promise<OutboxEntry | null> {
    const [row] = await writeReturning<ClaimedRow>(
      this.db.manager,
      `UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_expires_at = $2
       WHERE id = $1 AND available_at <= $3 AND (status = 'pending' OR (status = 'sending' AND lease_expires_at < $3))
       RETURNING id, kind, purpose, user_id, challenge_id, factor_id, params, attempts, created_at`,
      [outboxId, leaseUntil, now],
    );
    if (!row) return null;
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

  async markSent(outboxId: string, receipt: { messageId: string; status: string }, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET status = 'sent', sent_at = $2, provider_message_id = $3, provider_status = $4, lease_expires_at = NULL, last_error = NULL
       WHERE id = $1`,
      [outboxId, now, receipt.messageId, receipt.status],
    );
  }

  /**
   * SMS-2: once delivered, the code exists only as its hash. The one statement that also writes
   * `challenges` (its sealed code): it runs for every SMS, and a second round trip would cost PERF-3.
   */
  async markSmsSentAndEraseCode(outboxId: string, receipt: { messageId: string; status: string }, now: Date): Promise<void> {
    await this.db.query(
      `WITH sent AS (
         UPDATE outbox SET status = 'sent', sent_at = $2, provider_message_id = $3, provider_status = $4, lease_expires_at = NULL, last_error = NULL
         WHERE id = $1 RETURNING challenge_id)
       UPDATE challenges SET code_ciphertext = NULL WHERE id = (SELECT challenge_id FROM sent) AND delivery_id = $1`,
      [outboxId, now, receipt.messageId, receipt.status],
    );
  }

  async markFailed(manager: EntityManager, outboxId: string, error: string, now: Date): Promise<void> {
    await manager.query(`UPDATE outbox SET status = 'failed', failed_at = $2, last_error = $3, lease_expires_at = NULL WHERE id = $1`, [
      outboxId,
      now,
      error,
    ]);
  }

  /** Gives the row back for BullMQ's next attempt. */
  async release(outboxId: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET status = 'pending', last_error = $2, lease_expires_at = NULL WHERE id = $1 AND status = 'sending'`,
      [outboxId, error],
    );
  }

  /** A send abandoned by a stopping worker (REL-6): pending again at once, its attempt not counted. */
  async giveBack(outboxId: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET status = 'pending', attempts = attempts - 1, last_error = $2, lease_expires_at = NULL
       WHERE id = $1 AND status = 'sending'`,
      [outboxId, reason],
    );
  }

  async cancel(outboxId: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE outbox SET status = 'cancelled', last_error = $2, lease_expires_at = NULL WHERE id = $1`, [
      outboxId,
      reason,
    ]);
  }

  /**
   * Up to `limit` due rows that are not finished and were not enqueued since `staleBefore`, marked enqueued
   * now; `enqueue` runs before the transaction commits, so a row is marked only if its job was added.
   * SKIP LOCKED lets several relays share the backlog.
   */
  async takeDue(
    now: Date,
    staleBefore: Date,
    limit: number,
    enqueue: (rows: Array<{ id: string; kind: OutboxKind }>) => Promise<void>,
  ): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows: Array<{ id: string; kind: OutboxKind }> = await manager.query(
        `SELECT id, kind FROM outbox
         WHERE available_at <= $1
           AND (status = 'pending' OR (status = 'sending' AND lease_expires_at < $1))
           AND (last_enqueued_at IS NULL OR last_enqueued_at < $2)
         ORDER BY available_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [now, staleBefore, limit],
      );
      if (rows.length === 0) return 0;
      await enqueue(rows);
      await manager.query(`UPDATE outbox SET last_enqueued_at = $2 WHERE id = ANY($1)`, [rows.map((row) => row.id), now]);
      return rows.length;
    });
  }

  /** A row just announced by the trigger, marked enqueued if it is pending and due; its kind, or null. */
  async markAnnounced(outboxId: string, now: Date): Promise<OutboxKind | null> {
    const [row] = await writeReturning<{ kind: OutboxKind }>(
      this.db.manager,
      `UPDATE outbox SET last_enqueued_at = $2 WHERE id = $1 AND status = 'pending' AND available_at <= $2 RETURNING kind`,
      [outboxId, now],
    );
    return row?.kind ?? null;
  }
}
