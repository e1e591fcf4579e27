import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { CommonModule } from '@sitepass/common';
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
          inject: [CONFIG],
          useFactory: (settings: SitepassConfig) => ({
            // BullMQ's own reconnect delay grows to 20 s; at most 2 s, jobs resume soon after Redis is back (REL-2).
            connection: {
              url: settings.redisUrl,
              maxRetriesPerRequest: null,
              retryStrategy: (times: number) => Math.min(times * 200, 2000),
            },
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
