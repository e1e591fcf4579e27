import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import type { RedisCommander } from 'ioredis';
import type Redis from 'ioredis';
import { closeRedis, connectRedis, ConnectionUse, logOutages, RedisConnection } from './redis-connection';

/** The longest a command waits for its reply, queued or sent (REL-2: requests fail within 2 s). */
const COMMAND_TIMEOUT_MS = 1000;

/**
 * The process's Redis client for counters, the revocation set and session activity: a single node's or a
 * Sentinel group's master (ioredis Redis), or a Cluster, as configured (REL-3). Keys carry QUEUE_PREFIX,
 * whose {hash tag} keeps them on one Cluster slot, so that every multi-key script can run there, and test
 * runs never see each other's keys. Inject it by this class; only the commands both kinds share are typed.
 */
/* eslint-disable @typescript-eslint/no-unsafe-declaration-merging -- a class for Nest's injection, typed as what Redis and Cluster share */
export abstract class RedisClient {}
export interface RedisClient extends RedisCommander, Pick<Redis, 'pipeline' | 'multi' | 'disconnect'> {
  readonly status: string;
}
/* eslint-enable @typescript-eslint/no-unsafe-declaration-merging */

/** Opens the process's Redis connections, all through connectRedis, and closes them when the process stops. */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  readonly client: RedisClient;
  private queues: RedisConnection | null = null;

  constructor(@Inject(CONFIG) private readonly config: SitepassConfig) {
    // REL-2: a request's Redis command fails within a second, and at once while Redis is away (503).
    this.client = this.open({
      keyPrefix: `${config.queuePrefix}:`,
      maxRetriesPerRequest: 2,
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
      failWhileAway: true,
    });
  }

  /**
   * BullMQ's connection, opened on first use (only the worker has queues) and shared by its queues. BullMQ
   * prefixes the keys itself with QUEUE_PREFIX, and duplicates this connection for each worker's blocking
   * reads (and closes those duplicates); its blocking reads need maxRetriesPerRequest null.
   */
  forQueues(): RedisConnection {
    return (this.queues ??= this.open({ maxRetriesPerRequest: null }));
  }

  private open(use: ConnectionUse): RedisConnection {
    const connection = connectRedis(this.config.redis, use);
    logOutages(connection);
    return connection;
  }

  /** Runs after every other module's shutdown (a global module's hooks run last): the queues are closed by then. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.client as RedisConnection, this.queues].filter((open) => open !== null).map(closeRedis));
  }
}

@Global()
@Module({
  providers: [
    RedisConnections,
    { provide: RedisClient, inject: [RedisConnections], useFactory: (redis: RedisConnections) => redis.client },
  ],
  exports: [RedisConnections, RedisClient],
})
export class RedisModule {}
