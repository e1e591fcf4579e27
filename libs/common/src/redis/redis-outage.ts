/**
 * Whether an error from an ioredis command means that Redis cannot serve now (REL-2), rather than a bug:
 * the connection is down or closing, the command waited longer than `commandTimeout`, or the server says it
 * is loading, has lost its master or cluster, or is a replica. The edge answers these with 503.
 */
export function isRedisUnavailable(error: unknown): boolean {
  // Duck-typed: an error made in another realm (a Jest sandbox, a worker thread) is no `instanceof Error` here.
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  if (typeof name !== 'string' || typeof message !== 'string') return false;
  if (UNAVAILABLE_ERRORS.has(name)) return true;
  if (UNAVAILABLE_MESSAGES.some((prefix) => message.startsWith(prefix))) return true;
  // Replies: "LOADING Redis is loading the dataset in memory", "MASTERDOWN …", "CLUSTERDOWN …", "READONLY …".
  return name === 'ReplyError' && UNAVAILABLE_REPLIES.has(message.split(' ', 1)[0]!);
}

/** ioredis's own errors, by name: retries of a command used up while reconnecting, every cluster node failing. */
const UNAVAILABLE_ERRORS = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);

/** What ioredis rejects a command with when no connection can take it. */
const UNAVAILABLE_MESSAGES = [
  "Stream isn't writeable",
  'Connection is closed.',
  'Command timed out',
  "Cluster isn't ready",
  'Cluster is disconnected.',
  'None of startup nodes is available',
];

const UNAVAILABLE_REPLIES = new Set(['LOADING', 'MASTERDOWN', 'CLUSTERDOWN', 'TRYAGAIN', 'READONLY']);
