import { RedisNode, RedisSettings, SitepassConfig } from './config.types';
import { EnvReader } from './env-reader';

const SINGLE = 'REDIS_URL';
const SENTINEL = 'REDIS_SENTINELS';
const CLUSTER = 'REDIS_CLUSTER_NODES';
const SENTINEL_ONLY = ['REDIS_SENTINEL_NAME', 'REDIS_SENTINEL_PASSWORD'];
const NODE_CREDENTIALS = ['REDIS_USERNAME', 'REDIS_PASSWORD'];

/**
 * REL-3: where Redis is. Exactly one topology: a single node (REDIS_URL, the default), a Sentinel group
 * (REDIS_SENTINELS and REDIS_SENTINEL_NAME) or a Cluster (REDIS_CLUSTER_NODES). A single node's URL carries
 * its credentials; the nodes of a Sentinel group or a Cluster take REDIS_USERNAME and REDIS_PASSWORD.
 */
export function readRedis(read: EnvReader): RedisSettings {
  const single: RedisSettings = { topology: 'single', url: read.url(SINGLE, 'redis://127.0.0.1:6379', ['redis:', 'rediss:']) };
  const chosen = [SINGLE, SENTINEL, CLUSTER].filter((name) => read.raw(name) !== undefined);
  if (chosen.length > 1) {
    for (const name of chosen.slice(1)) {
      read.fail(name, `cannot be set with ${chosen[0]}: configure one Redis topology (${SINGLE}, ${SENTINEL} or ${CLUSTER})`, null);
    }
    return single;
  }
  if (!chosen.includes(SENTINEL)) {
    for (const name of SENTINEL_ONLY.filter((other) => read.raw(other) !== undefined))
      read.fail(name, `is only read with ${SENTINEL}`, null);
  }
  if (chosen.length === 0 || chosen[0] === SINGLE) {
    for (const name of NODE_CREDENTIALS.filter((other) => read.raw(other) !== undefined)) {
      read.fail(name, `is only read with ${SENTINEL} or ${CLUSTER}; a single node's credentials go in ${SINGLE}`, null);
    }
    return single;
  }
  const credentials = { username: read.optional('REDIS_USERNAME'), password: read.optional('REDIS_PASSWORD') };
  if (chosen[0] === CLUSTER) return { topology: 'cluster', nodes: readNodes(read, CLUSTER), ...credentials };
  const masterName = read.optional('REDIS_SENTINEL_NAME');
  if (masterName === null) {
    read.fail('REDIS_SENTINEL_NAME', `is required with ${SENTINEL}: the name of the master group the sentinels monitor`, null);
  }
  return {
    topology: 'sentinel',
    sentinels: readNodes(read, SENTINEL),
    masterName: masterName ?? '',
    sentinelPassword: read.optional('REDIS_SENTINEL_PASSWORD'),
    ...credentials,
  };
}

function readNodes(read: EnvReader, name: string): RedisNode[] {
  const nodes: RedisNode[] = [];
  for (const entry of read.list(name, [])) {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) return read.fail(name, `"${entry}" is not host:port`, []);
    nodes.push({ host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port });
  }
  if (nodes.length === 0) read.fail(name, 'must list at least one host:port', null);
  return nodes;
}

/**
 * The {hash tag} a key beginning with `prefix` is placed by, as Redis Cluster finds it: what lies between the
 * first `{` and the first `}` after it, when that is not empty. Null when the prefix decides no slot.
 */
function hashTagOf(prefix: string): string | null {
  const open = prefix.indexOf('{');
  const close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
  return close > open + 1 ? prefix.slice(open + 1, close) : null;
}

/**
 * REL-3: on a Cluster every multi-key command and script needs its keys on one slot, and BullMQ's keys for one
 * queue too; QUEUE_PREFIX starts every key, so its hash tag puts all of them on one slot.
 */
export function checkClusterPrefix(read: EnvReader, config: SitepassConfig): void {
  if (config.redis.topology === 'cluster' && hashTagOf(config.queuePrefix) === null) {
    read.fail(
      'QUEUE_PREFIX',
      `"${config.queuePrefix}" has no {hash tag}; with ${CLUSTER} every key must share one slot, e.g. {sitepass}`,
      null,
    );
  }
}
