import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { DeliveryOutcome, SmsDeliveryService } from '@sitepass/delivery';
import { DeliveryJob, SMS_QUEUE } from '@sitepass/messaging';
import { Job } from 'bullmq';

/** Consumes the `sms` queue: one outbox id per job; the delivery service re-checks and sends (SMS-3, SMS-4). */
@Processor(SMS_QUEUE)
export class SmsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly delivery: SmsDeliveryService,
    @Inject(CONFIG) private readonly config: SitepassConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.sms.concurrency;
  }

  private readonly logger = new Logger(SmsProcessor.name);

  process(job: Job<DeliveryJob>): Promise<DeliveryOutcome> {
    return this.delivery.deliver(job.data.outboxId);
  }

  /** Redis trouble (a restart, lost keys) is survivable: the outbox relay re-enqueues what was lost. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`SMS worker: ${error.message}`);
  }
}
