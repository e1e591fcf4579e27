import { Logger } from '@nestjs/common';
import { addSeconds, Clock } from '@sitepass/common';
import { OutboxEntry, OutboxRepository } from '@sitepass/database';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryShutdown } from './delivery-shutdown';

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed';

/** Long enough for a slow provider call; a worker that dies mid-send gives the row back after it. */
const LEASE_SECONDS = 60;

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
 * `maxAttempts`, marks the row failed; anything else gives it back for BullMQ's next try, as does a send
 * still waiting on its provider when the worker stops (REL-6).
 */
export abstract class OutboxDelivery<M, R extends { messageId: string; status: string }> {
  protected readonly logger = new Logger(this.constructor.name);

  constructor(
    private readonly db: DataSource,
    protected readonly outbox: OutboxRepository,
    protected readonly clock: Clock,
    private readonly maxAttempts: number,
    private readonly shutdown: DeliveryShutdown,
  ) {}

  /** The message to send, or null when the row no longer has anything to deliver. */
  protected abstract compose(row: OutboxEntry): Promise<M | null>;
  protected abstract send(message: M): Promise<R>;
  protected abstract describeFailure(error: unknown): SendFailure;

  /** Records a successful send; a channel with more to record in the same step overrides it. */
  protected async recordSent(row: OutboxEntry, receipt: R): Promise<void> {
    await this.outbox.markSent(row.id, receipt, this.clock.now());
  }

  /** Extra writes (an audit event) in the transaction that records a failed delivery. */
  protected async afterFailed(_manager: EntityManager, _row: OutboxEntry, _failure: SendFailure): Promise<void> {}

  protected abstract count(row: OutboxEntry, outcome: 'sent' | 'retry' | 'failed', status: string): void;

  async deliver(outboxId: string): Promise<DeliveryOutcome> {
    const now = this.clock.now();
    const row = await this.outbox.claim(outboxId, addSeconds(now, LEASE_SECONDS), now);
    if (!row) return 'skipped';
    const message = await this.compose(row);
    if (!message) {
      await this.outbox.cancel(row.id, 'nothing left to deliver');
      return 'skipped';
    }
    let receipt: R;
    try {
      receipt = await this.shutdown.untilStopped(this.send(message));
    } catch (error) {
      if (this.shutdown.signal.aborted) {
        // REL-6: the worker stops before the provider answered: the lease goes back, the attempt does not count.
        await this.outbox.giveBack(row.id, 'the worker stopped before the provider answered');
        throw new RetryLater('the worker stopped before the provider answered');
      }
      return this.fail(row, this.describeFailure(error));
    }
    await this.recordSent(row, receipt);
    this.count(row, 'sent', receipt.status);
    return 'sent';
  }

  private async fail(row: OutboxEntry, failure: SendFailure): Promise<DeliveryOutcome> {
    if (!failure.permanent && row.attempts < this.maxAttempts) {
      await this.outbox.release(row.id, failure.message);
      this.count(row, 'retry', failure.status);
      throw new RetryLater(failure.message);
    }
    await this.db.transaction(async (manager) => {
      await this.outbox.markFailed(manager, row.id, failure.message, this.clock.now());
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
