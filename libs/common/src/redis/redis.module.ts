import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import Redis from 'ioredis';

/** The longest a command waits for its reply, queued or sent (REL-2: requests fail within 2 s). */
const COMMAND_TIMEOUT_MS = 1000;

/**
 * The process's Redis client for counters and the revocation set. Keys carry QUEUE_PREFIX, which holds
 * a {hash tag} so that a Redis Cluster keeps them on one slot and test runs never see each other's keys.
 */
@Injectable()
export class RedisClient extends Redis implements OnApplicationShutdown {
  constructor(@Inject(CONFIG) config: SitepassConfig) {
    super(config.redisUrl, {
      keyPrefix: `${config.queuePrefix}:`,
      maxRetriesPerRequest: 2,
      lazyConnect: false,
      // REL-2: no command waits longer than this on a Redis that accepted the connection and went quiet.
      commandTimeout: COMMAND_TIMEOUT_MS,
    });
    // Without a listener ioredis reports every failed reconnect as an unhandled error; say it once per outage.
    const logger = new Logger('Redis');
    let down = false;
    this.on('error', (error: Error) => {
      if (!down) logger.error(`Redis is unreachable: ${error.message}`);
      down = true;
    });
    this.on('ready', () => {
      // Commands issued before the first connection wait for it, so that a process starting beside Redis fails
      // none; once connected, a command issued while Redis is away fails at once (503) instead of queueing.
      this.options.enableOfflineQueue = false;
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
