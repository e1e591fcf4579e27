import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DeliveryShutdown } from '@sitepass/delivery';
import { DRAIN_LIMIT_MS } from '@sitepass/health';
import { EmailProcessor } from './email/email.processor';
import { SmsProcessor } from './sms/sms.processor';

/** After the sends still in flight were abandoned, how long their jobs may take to be handed back. */
const HAND_BACK_MS = 1_000;

/**
 * REL-6: on SIGTERM the queue workers take no new job and finish the ones they hold, within DRAIN_LIMIT_MS;
 * jobs left in the queue wait there for the next worker. A send still waiting on its provider after that
 * is abandoned: its outbox row and its job are given back (DeliveryShutdown), and the process exits in time.
 * This runs before Nest closes the queues, Redis and PostgreSQL, which the jobs still need.
 */
@Injectable()
export class JobDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger(JobDrain.name);

  constructor(
    private readonly sms: SmsProcessor,
    private readonly email: EmailProcessor,
    private readonly shutdown: DeliveryShutdown,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const workers = [this.sms.worker, this.email.worker];
    const closed = Promise.all(workers.map((worker) => worker.close()));
    if (await settlesWithin(closed, DRAIN_LIMIT_MS)) return;
    this.logger.warn(`Jobs still sending after ${DRAIN_LIMIT_MS / 1000} s: giving them back`);
    this.shutdown.stop();
    if (await settlesWithin(closed, HAND_BACK_MS)) return;
    // A job that ignores the stop (a mail server that never answers): its lease lapses and the relay enqueues it again.
    await settlesWithin(Promise.all(workers.map((worker) => worker.close(true))), HAND_BACK_MS);
  }
}

function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    late,
  ]).finally(() => clearTimeout(timer));
}
