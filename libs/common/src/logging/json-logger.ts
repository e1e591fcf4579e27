import { LoggerService } from '@nestjs/common';
import { LogLevel } from '@sitepass/config';
import { type DestinationStream, type Logger, pino } from 'pino';
import { requestContext } from '../context/request-context';
import { LOG_CENSOR, logRedactionPaths, requestLineRedactionPaths } from './log-redaction';

// Re-exported here because the library's index exports this file: what is redacted is part of the logger.
export { LOG_CENSOR, REDACTED_HEADERS, REDACTED_KEYS } from './log-redaction';

/** Nest's start-up chatter (one line per module and route) is debug detail, not operations news. */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

let stdoutRoot: Logger | undefined;

/**
 * One JSON object per line on stdout, with the request id of the request being served (OPS-3), written by
 * pino. Callers pass messages and ids only: no secret, code, token or request body is ever logged (SEC-1);
 * pino's redaction (log-redaction.ts) is the safety net behind that rule, not a licence to log objects whole.
 * `write` replaces stdout, for tests.
 */
export class JsonLogger implements LoggerService {
  /** The pino logger behind this service, at its level. */
  readonly pino: Logger;

  constructor(level: LogLevel = 'info', write?: (line: string) => void) {
    const root = write ? createRoot({ write }) : (stdoutRoot ??= createRoot(stdoutDestination()));
    this.pino = root.child({}, { level });
  }

  /**
   * What pino-http writes request lines through: this logger's destination, level, time and request id, in
   * context `Http`, with the exact redaction paths that fit a request line (see requestLineRedactionPaths).
   */
  requestLogger(): Logger {
    return this.pino.child({ context: 'Http' }, { redact: { paths: requestLineRedactionPaths(), censor: LOG_CENSOR } });
  }

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    this.emit(typeof context === 'string' && BOOT_CONTEXTS.has(context) ? 'debug' : 'info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }

  private emit(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest passes the context name last, and for errors a stack trace before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const entry: Record<string, unknown> = {};
    if (context) entry.context = context;
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    const stack = rest.find((item) => typeof item === 'string' && item.includes('\n    at '));
    if (stack) entry.stack = stack;
    this.pino[level](entry);
  }
}

/**
 * Every JsonLogger of a process that writes to stdout is a child of one pino logger, so a process has one
 * destination and compiles its redaction paths once. Synchronous, as process.stdout.write is for files and
 * pipes on Linux: a line is out before the call returns, so `process.exit` after an error loses nothing.
 */
function stdoutDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: true });
}

function createRoot(destination: DestinationStream): Logger {
  return pino(
    {
      // No pid or hostname: the platform labels lines with where they come from.
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Fields the caller logs win over the mixin's, so a request line's own requestId is never doubled.
      mixin: currentRequestId,
      redact: { paths: logRedactionPaths(), censor: LOG_CENSOR },
    },
    destination,
  );
}

function currentRequestId(): Record<string, unknown> {
  const requestId = requestContext.current()?.requestId;
  return requestId ? { requestId } : {};
}
