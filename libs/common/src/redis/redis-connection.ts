import { Logger } from '@nestjs/common';
import { RedisSettings } from '@sitepass/config';
import Redis, { Cluster, RedisOptions } from 'ioredis';

/** A connection to the configured topology: a single node or a Sentinel group's master (Redis), or a Cluster. */
export type RedisConnection = Redis | Cluster;

/** What a connection is for: the settings that differ between the keyed client and BullMQ's connection. */
export interface ConnectionUse {
  /** Put before every key, in EVAL's KEYS too (ioredis' keyPrefix). BullMQ refuses one: it prefixes its keys itself. */
  keyPrefix?: string;
  /** Reconnections a command waits through before it fails; null waits for Redis to come back (BullMQ's blocking reads). */
  maxRetriesPerRequest: number | null;
  /** REL-2: the longest a command waits for its reply, queued or sent; none when absent (BullMQ's blocking reads). */
  commandTimeoutMs?: number;
  /**
   * REL-2: once connected, a command issued while Redis is away fails at once instead of waiting in the offline
   * queue. Commands before the first connection still wait for it, so a process starting beside Redis fails none.
   */
  failWhileAway?: boolean;
}

/** REL-2: reconnect attempts come at most 2 s apart (ioredis' and BullMQ's own delays grow far longer). */
const reconnectDelay = (attempt: number) => Math.min(attempt * 200, 2000);

/**
 * REL-3: the one place a Redis connection is built, for every topology. On a Sentinel group the client asks
 * the sentinels for the master, and asks again whenever its connection drops (a failover kills the clients
 * of a demoted master). A Cluster sends each command to the master of its key's slot; with keys hash-tagged
 * by QUEUE_PREFIX that is one master for all of them (README, "Redis topologies").
 */
export function connectRedis(settings: RedisSettings, use: ConnectionUse): RedisConnection {
  const options: RedisOptions = {
    maxRetriesPerRequest: use.maxRetriesPerRequest,
    lazyConnect: false,
    retryStrategy: reconnectDelay,
    ...(use.commandTimeoutMs ? { commandTimeout: use.commandTimeoutMs } : {}),
  };
  const connection = open(settings, use, options);
  if (use.failWhileAway) connection.once('ready', () => (connection.options.enableOfflineQueue = false));
  return connection;
}

function open(settings: RedisSettings, use: ConnectionUse, options: RedisOptions): RedisConnection {
  switch (settings.topology) {
    case 'single':
      return new Redis(settings.url, { ...options, keyPrefix: use.keyPrefix });
    case 'sentinel':
      return new Redis({
        ...options,
        keyPrefix: use.keyPrefix,
        sentinels: settings.sentinels,
        name: settings.masterName,
        sentinelPassword: settings.sentinelPassword ?? undefined,
        username: settings.username ?? undefined,
        password: settings.password ?? undefined,
      });
    case 'cluster':
      return new Cluster(settings.nodes, {
        keyPrefix: use.keyPrefix,
        clusterRetryStrategy: reconnectDelay,
        redisOptions: { ...options, username: settings.username ?? undefined, password: settings.password ?? undefined },
      });
  }
}

/** Without a listener ioredis reports every failed reconnect as an unhandled error; say it once per outage. */
export function logOutages(connection: RedisConnection, logger = new Logger('Redis')): void {
  let down = false;
  connection.on('error', (error: Error) => {
    if (!down) logger.error(`Redis is unreachable: ${error.message}`);
    down = true;
  });
  connection.on('ready', () => {
    if (down) logger.log('Redis is reachable again');
    down = false;
  });
}

/** QUIT waits for pending replies; with Redis unreachable there are none to wait for. */
export async function closeRedis(connection: RedisConnection): Promise<void> {
  if (connection.status === 'ready') await connection.quit().catch(() => connection.disconnect());
  else connection.disconnect();
}
