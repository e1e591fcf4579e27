import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxClaims } from './outbox-claim';
import { OutboxEntry } from '@sitepass/database';

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed';

/** Thrown to have BullMQ try again later, with exponential backoff (SMS-3, NOTE-3). */
export class RetryLater extends Error {}

export interface SendFailure {
  permanent: boolean;
  /** A short, non-secret description: an HTTP or SMTP status. */
  status: string;
  message: string;
}

/**
 * One delivery attempt of an outbox row, the same for every channel: claim the row, re-check that it
 * still has something to deliver, send, record the outcome. A permanent failure, or the last of
 * `maxAttempts`, marks the row failed; anything else gives it back for BullMQ's next try.
 */
export abstract class OutboxDelivery<M, R extends { messageId: string; status: string }> {
  protected readonly logger = new Logger(this.constructor.name);

  constructor(
    protected readonly db: DataSource,
    protected readonly claims: OutboxClaims,
    private readonly maxAttempts: number,
  ) {}

  /** The message to send, or null when the row no longer has anything to deliver. */
  protected abstract compose(row: OutboxEntry): Promise<M | null>;
  protected abstract send(message: M): Promise<R>;
  protected abstract describeFailure(error: unknown): SendFailure;
  /** Records a successful send; a channel with more to record in the same step overrides it. */
  protected async recordSent(row: OutboxEntry, receipt: R): Promise<void> {
    await this.claims.markSent(this.db.manager, row.id, receipt);
  }
  /** Extra writes (an audit event) in the transaction that records a failed delivery. */
  protected async afterFailed(_manager: EntityManager, _row: OutboxEntry, _failure: SendFailure): Promise<void> {}
  protected abstract count(row: OutboxEntry, outcome: 'sent' | 'retry' | 'failed', status: string): void;

  async deliver(outboxId: string): Promise<DeliveryOutcome> {
    const row = await this.claims.claim(this.db.manager, outboxId);
    if (!row) return 'skipped';
    const message = await this.compose(row);
    if (!message) {
      await this.claims.cancel(this.db.manager, row.id, 'nothing left to deliver');
      return 'skipped';
    }
    let receipt: R;
    try {
      receipt = await this.send(message);
    } catch (error) {
      return this.fail(row, this.describeFailure(error));
    }
    await this.recordSent(row, receipt);
    this.count(row, 'sent', receipt.status);
    return 'sent';
  }

  private async fail(row: OutboxEntry, failure: SendFailure): Promise<DeliveryOutcome> {
    if (!failure.permanent && row.attempts < this.maxAttempts) {
      await this.claims.release(this.db.manager, row.id, failure.message);
      this.count(row, 'retry', failure.status);
      throw new RetryLater(failure.message);
    }
    await this.db.transaction(async (manager) => {
      await this.claims.markFailed(manager, row.id, failure.message);
      await this.afterFailed(manager, row, failure);
    });
    this.count(row, 'failed', failure.status);
    this.logger.warn({
      msg: `${row.kind} delivery failed`,
      outboxId: row.id,
      purpose: row.purpose,
      attempts: row.attempts,
      status: failure.status,
    });
    return 'failed';
  }
}
