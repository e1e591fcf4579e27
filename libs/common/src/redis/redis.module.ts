import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import Redis from 'ioredis';

/**
 * The process's Redis client for counters and the revocation set. Keys carry QUEUE_PREFIX, which holds
 * a {hash tag} so that a Redis Cluster keeps them on one slot and test runs never see each other's keys.
 */
@Injectable()
export class RedisClient extends Redis implements OnApplicationShutdown {
  constructor(@Inject(CONFIG) config: SitepassConfig) {
    super(config.redisUrl, { keyPrefix: `${config.queuePrefix}:`, maxRetriesPerRequest: 2, lazyConnect: false });
    // Without a listener ioredis reports every failed reconnect as an unhandled error; say it once per outage.
    const logger = new Logger('Redis');
    let down = false;
    this.on('error', (error: Error) => {
      if (!down) logger.error(`Redis is unreachable: ${error.message}`);
      down = true;
    });
    this.on('ready', () => {
      if (down) logger.log('Redis is reachable again');
      down = false;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT waits for pending replies; with Redis unreachable there are none to wait for.
    if (this.status === 'ready') await this.quit().catch(() => this.disconnect());
    else this.disconnect();
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
