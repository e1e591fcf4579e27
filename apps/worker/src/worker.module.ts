import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { CommonModule } from '@sitepass/common';
import { CONFIG, ConfigModule, SitepassConfig } from '@sitepass/config';
import { DatabaseModule } from '@sitepass/database';
import { HealthModule } from '@sitepass/http';

/** The worker's own slim root module: queues and delivery, plus health and metrics over HTTP (port 3002). */
@Module({})
export class WorkerModule {
  static forRoot(config: SitepassConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule.forRoot('worker'),
        DatabaseModule.forRoot(),
        BullModule.forRootAsync({
          inject: [CONFIG],
          useFactory: (settings: SitepassConfig) => ({
            connection: { url: settings.redisUrl, maxRetriesPerRequest: null },
            prefix: settings.queuePrefix,
          }),
        }),
        HealthModule,
      ],
    };
  }
}
