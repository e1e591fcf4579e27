/**
 * Whether an error from pg (through TypeORM or not) means that PostgreSQL cannot serve now (REL-2), rather
 * than a bug: no connection could be opened in time, the connection broke, or the server is starting, shutting
 * down or full. The edge answers these with 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed: pg's socket errors are made by Node's own realm, which is not a Jest sandbox's.
  const { message, code, driverError } = (error ?? {}) as { message?: unknown; code?: unknown; driverError?: unknown };
  if (typeof message !== 'string') return false;
  // TypeORM's QueryFailedError copies the driver error's fields and keeps the error itself.
  if (driverError && driverError !== error && isDatabaseUnavailable(driverError)) return true;
  if (typeof code === 'string' && (SOCKET_ERRORS.has(code) || SERVER_UNAVAILABLE.has(code) || code.startsWith('08'))) return true;
  return UNAVAILABLE_MESSAGES.some((prefix) => message.startsWith(prefix));
}

/** The socket could not connect, or lost its peer. */
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that cannot serve: admin_shutdown, crash_shutdown, cannot_connect_now (starting up,
 * shutting down, in recovery), too_many_connections; class 08 (connection exceptions) is matched by prefix.
 */
const SERVER_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300']);

/** What pg and pg-pool reject with when the connection is gone or cannot be had in time. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];
