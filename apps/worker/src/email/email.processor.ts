import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DeliveryOutcome, EmailDeliveryService } from '@sitepass/delivery';
import { DeliveryJob, EMAIL_QUEUE } from '@sitepass/messaging';
import { Job } from 'bullmq';

/** Consumes the `email` queue: one outbox id per job (NOTE-3). */
@Processor(EMAIL_QUEUE, { concurrency: 4 })
export class EmailProcessor extends WorkerHost {
  private readonly logger = new Logger(EmailProcessor.name);

  constructor(private readonly delivery: EmailDeliveryService) {
    super();
  }

  process(job: Job<DeliveryJob>): Promise<DeliveryOutcome> {
    return this.delivery.deliver(job.data.outboxId);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`Email worker: ${error.message}`);
  }
}
