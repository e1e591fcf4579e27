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
});
