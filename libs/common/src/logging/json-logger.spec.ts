import { requestContext } from '../context/request-context';
import { JsonLogger } from './json-logger';

describe('JsonLogger', () => {
  function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
    const lines: Array<Record<string, unknown>> = [];
    return { lines, logger: new JsonLogger(level, (line) => lines.push(JSON.parse(line))) };
  }

  it('OPS-3 writes one JSON object per line with level, context and the current request id', () => {
    const { lines, logger } = capture();
    requestContext.run({ requestId: 'req-42', ip: null, userAgent: null }, () => logger.log('hello', 'Sessions'));
    logger.warn({ msg: 'structured', attempts: 3 });
    expect(lines).toEqual([
      { time: expect.any(String), level: 'info', context: 'Sessions', requestId: 'req-42', msg: 'hello' },
      { time: expect.any(String), level: 'warn', msg: 'structured', attempts: 3 },
    ]);
  });

  it('OPS-3 keeps errors with their stack and drops messages below the configured level', () => {
    const { lines, logger } = capture('warn');
    logger.log('too chatty');
    logger.debug('even more');
    logger.error(new Error('boom'), 'Worker');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', context: 'Worker', msg: 'boom', stack: expect.stringContaining('Error: boom') });
  });

  it('OPS-3 demotes Nest start-up chatter to debug', () => {
    const { lines, logger } = capture('info');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(lines).toHaveLength(0);
  });

  it.each([
    ['debug', ['debug', 'debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
  ] as const)('OPS-3 at LOG_LEVEL %s writes only lines at or above it, verbose counting as debug', (level, written) => {
    const { lines, logger } = capture(level);
    logger.verbose('verbose');
    logger.debug('debug');
    logger.log('info');
    logger.warn('warn');
    logger.error('error');
    expect(lines.map((line) => line.level)).toEqual(written);
  });

  it('OPS-3 writes a message with line breaks as one line of one JSON object, with an ISO time', () => {
    const written: string[] = [];
    const logger = new JsonLogger('info', (line) => written.push(line));
    logger.log('first\nsecond', 'Multi');
    logger.error(new Error('boom'));
    expect(written).toHaveLength(2);
    for (const line of written) expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(JSON.parse(written[0]!)).toEqual({ time: expect.any(String), level: 'info', context: 'Multi', msg: 'first\nsecond' });
    expect(new Date(JSON.parse(written[0]!).time).toISOString()).toBe(JSON.parse(written[0]!).time);
  });
});
