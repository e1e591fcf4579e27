import { requestContext } from '../context/request-context';
import { JsonLogger } from './json-logger';
import { LOG_CENSOR, REDACTED_HEADERS, REDACTED_KEYS } from './log-redaction';

describe('log redaction', () => {
  function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
    const lines: Array<Record<string, any>> = [];
    return { lines, logger: new JsonLogger(level, (line) => lines.push(JSON.parse(line))) };
  }

  it.each(REDACTED_KEYS)('SEC-1 redacts %s at the top level of a logged object', (key) => {
    const { lines, logger } = capture();
    logger.log({ msg: 'logged whole by mistake', [key]: 'plaintext-value', kept: 'visible' }, 'Leaky');
    expect(lines).toEqual([
      { time: expect.any(String), level: 'info', context: 'Leaky', msg: 'logged whole by mistake', [key]: LOG_CENSOR, kept: 'visible' },
    ]);
  });

  it.each(REDACTED_KEYS)('SEC-1 redacts %s nested one, two and three levels deep, in objects and arrays', (key) => {
    const { lines, logger } = capture();
    logger.warn({ one: { [key]: 'v1' }, two: { a: { [key]: 'v2' } }, three: { a: { b: { [key]: 'v3' } } }, list: [{ [key]: 'v4' }] });
    expect(lines[0]).toMatchObject({
      one: { [key]: LOG_CENSOR },
      two: { a: { [key]: LOG_CENSOR } },
      three: { a: { b: { [key]: LOG_CENSOR } } },
      list: [{ [key]: LOG_CENSOR }],
    });
  });

  it.each(REDACTED_HEADERS)('SEC-1 redacts the %s header in a logged object, as far down as an upstream error keeps it', (header) => {
    const { lines, logger } = capture();
    logger.error({ msg: 'upstream failed', headers: { [header]: 'h1', accept: '*/*' }, err: { config: { headers: { [header]: 'h2' } } } });
    expect(lines[0]).toMatchObject({
      headers: { [header]: LOG_CENSOR, accept: '*/*' },
      err: { config: { headers: { [header]: LOG_CENSOR } } },
    });
  });

  it('SEC-1 leaves the logged object as the caller had it', () => {
    const { logger } = capture();
    const body = { password: 'hunter2', nested: { code: '123456' } };
    logger.log(body);
    expect(body).toEqual({ password: 'hunter2', nested: { code: '123456' } });
  });

  it('SEC-1 documents where the safety net ends: four levels down, other spellings, and text inside a message', () => {
    const { lines, logger } = capture();
    logger.log({ msg: 'code is 123456', a: { b: { c: { d: { code: 'deep' } } } }, Authorization: 'Bearer x', userPassword: 'p' });
    expect(lines[0]).toMatchObject({
      msg: 'code is 123456',
      a: { b: { c: { d: { code: 'deep' } } } },
      Authorization: 'Bearer x',
      userPassword: 'p',
    });
  });

  it.each(REDACTED_HEADERS)('SEC-1 the request-line logger redacts the %s request header', (header) => {
    const { lines, logger } = capture();
    logger
      .requestLogger()
      .child({ req: { headers: { [header]: 'plaintext-value', 'user-agent': 'curl/8' } } })
      .info({ requestId: 'req-1', status: 200 }, 'request completed');
    expect(lines).toEqual([
      {
        time: expect.any(String),
        level: 'info',
        context: 'Http',
        req: { headers: { [header]: LOG_CENSOR, 'user-agent': 'curl/8' } },
        requestId: 'req-1',
        status: 200,
        msg: 'request completed',
      },
    ]);
  });

  it.each(REDACTED_KEYS)('SEC-1 the request-line logger redacts %s at the top level', (key) => {
    const { lines, logger } = capture();
    logger.requestLogger().info({ [key]: 'plaintext-value' });
    expect(lines[0]).toMatchObject({ [key]: LOG_CENSOR });
  });

  it('OPS-3 the request-line logger keeps the level filter and the current request id', () => {
    const { lines, logger } = capture('warn');
    requestContext.run({ requestId: 'req-7', ip: null, userAgent: null }, () => {
      logger.requestLogger().info('dropped at warn');
      logger.requestLogger().warn('kept');
    });
    expect(lines).toEqual([{ time: expect.any(String), level: 'warn', context: 'Http', requestId: 'req-7', msg: 'kept' }]);
  });
});
