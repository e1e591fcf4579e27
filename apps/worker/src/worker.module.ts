import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { CommonModule, RedisConnections } from '@sitepass/common';
import { CONFIG, SitepassConfig, SitepassConfigModule } from '@sitepass/config';
import { DatabaseModule } from '@sitepass/database';
import { HealthModule } from '@sitepass/health';
import { DeliveryModule } from '@sitepass/delivery';
import { EmailProcessor } from './email/email.processor';
import { JobDrain } from './job-drain';
import { SmsProcessor } from './sms/sms.processor';

/**
 * The worker's own slim root module: the outbox relay, the SMS and email processors, and health and
 * metrics over HTTP (port 3002). It boots no HTTP API, guards or product policy.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: SitepassConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        SitepassConfigModule.forRoot(config),
        CommonModule.forRoot('worker'),
        DatabaseModule.forRoot(),
        BullModule.forRootAsync({
          inject: [CONFIG, RedisConnections],
          // REL-3: the configured topology; the prefix's {hash tag} keeps each queue's keys on one Cluster slot.
          useFactory: (settings: SitepassConfig, redis: RedisConnections) => ({
            connection: redis.forQueues(),
            prefix: settings.queuePrefix,
          }),
        }),
        DeliveryModule,
        HealthModule,
      ],
      providers: [SmsProcessor, EmailProcessor, JobDrain],
    };
  }
}
