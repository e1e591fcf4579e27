import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { addSeconds, Clock, Metrics } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { OutboxKind, OutboxRepository } from '@sitepass/database';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DeliveryJob, EMAIL_QUEUE, SMS_QUEUE } from '@sitepass/messaging';

const BATCH = 200;

/**
 * Moves outbox rows to BullMQ (job id = outbox id, payload = ids only). Committed rows are announced by
 * a trigger (LISTEN/NOTIFY) and enqueued at once; a periodic sweep enqueues whatever was missed and
 * re-enqueues rows not finished a while after their last enqueue, which is how accepted messages
 * survive a worker crash or a Redis that lost all its data (SMS-3). BullMQ drops an add whose job id
 * still exists, and the processors re-check each row before sending, so re-enqueueing never doubles a send.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues: Record<OutboxKind, Queue<DeliveryJob>>;
  private listener: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private relistening: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private stopped = false;
  private queuesDown = false;

  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(CONFIG) private readonly config: SitepassConfig,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    @InjectQueue(SMS_QUEUE) sms: Queue<DeliveryJob>,
    @InjectQueue(EMAIL_QUEUE) email: Queue<DeliveryJob>,
  ) {
    this.queues = { sms, email };
    // Without a listener BullMQ prints every failed reconnect to the console; say it once per outage (REL-2).
    for (const queue of [sms, email]) {
      queue.on('error', (error: Error) => {
        if (!this.queuesDown) this.logger.warn(`Queues unreachable (${error.message}); the outbox keeps every message until Redis is back`);
        this.queuesDown = true;
      });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => void this.sweep(), this.config.outboxPollMs);
    await this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.relistening) clearTimeout(this.relistening);
    await this.sweeping;
    await this.listener?.end().catch(() => undefined);
  }

  /** Enqueues every due row that is not finished and was not enqueued recently. */
  sweep(): Promise<void> {
    this.sweeping ??= this.enqueueDue()
      .catch((error: Error) => this.logger.warn(`Outbox sweep failed: ${error.message}`))
      .finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async enqueueDue(): Promise<void> {
    const counts = await this.queues.sms.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    this.metrics.smsQueueDepth.set(Object.values(counts).reduce((sum, count) => sum + count, 0));
    if (this.queuesDown) this.logger.log('Queues reachable again');
    this.queuesDown = false;
    for (;;) {
      const enqueued = await this.enqueueBatch();
      // A full batch means a backlog: keep going rather than wait for the next tick.
      if (enqueued < BATCH || this.stopped) return;
    }
  }

  private async enqueueBatch(): Promise<number> {
    const now = this.clock.now();
    const staleBefore = addSeconds(now, -this.config.outboxRequeueAfterSeconds);
    return this.outbox.takeDue(now, staleBefore, BATCH, async (rows) => {
      for (const kind of ['sms', 'email'] as const) {
        const ids = rows.filter((row) => row.kind === kind).map((row) => row.id);
        if (ids.length > 0)
          await this.queues[kind].addBulk(ids.map((id) => ({ name: kind, data: { outboxId: id }, opts: this.jobOptions(id) })));
      }
    });
  }

  private async enqueue(id: string, kind: OutboxKind): Promise<void> {
    await this.queues[kind].add(kind, { outboxId: id }, this.jobOptions(id));
  }

  /** Job id = outbox id: BullMQ ignores an add whose job still exists, so re-enqueueing is harmless. */
  private jobOptions(id: string) {
    return {
      jobId: id,
      attempts: this.config.sms.maxAttempts,
      backoff: { type: 'exponential' as const, delay: this.config.sms.backoffMs },
      removeOnComplete: true,
      removeOnFail: true,
    };
  }

  /** A committed row is announced at once; enqueue it unless it is due later (a reminder). */
  private async onAnnounced(id: string): Promise<void> {
    const kind = await this.outbox.markAnnounced(id, this.clock.now());
    if (kind) await this.enqueue(id, kind);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl });
    client.on('notification', (message) => {
      if (message.payload)
        void this.onAnnounced(message.payload).catch((error: Error) => this.logger.warn(`Relay failed: ${error.message}`));
    });
    client.on('error', (error) => {
      if (this.listener !== client) return;
      this.logger.warn(`Outbox listener lost its connection (${error.message}); the sweep covers until it is back`);
      this.listener = null;
      void client.end().catch(() => undefined);
      this.listenAgain();
    });
    try {
      await client.connect();
      await client.query('LISTEN outbox');
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) await client.end().catch(() => undefined);
    else this.listener = client;
  }

  /**
   * Tries to listen again every second until PostgreSQL answers (REL-2). Rows committed while nobody listened
   * were announced to no one: a sweep at once enqueues them, rather than the next periodic one.
   */
  private listenAgain(): void {
    if (this.stopped || this.relistening) return;
    this.relistening = setTimeout(() => {
      this.relistening = null;
      void this.listen().then(
        () => {
          if (!this.listener) return;
          this.logger.log('Outbox listener is back');
          void this.sweep();
        },
        () => this.listenAgain(),
      );
    }, 1000);
    this.relistening.unref();
  }
}
