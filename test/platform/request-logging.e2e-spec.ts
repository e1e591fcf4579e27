import { JsonLogger, LOG_CENSOR, REDACTED_HEADERS } from '@sitepass/common';
import { useTestEnvironment } from '../support/harness';

describe('request logging', () => {
  const env = useTestEnvironment();

  function capturingLogger(level: 'info' | 'warn' = 'info') {
    const written: string[] = [];
    const logger = new JsonLogger(level, (line) => written.push(line));
    return { logger, written, lines: () => written.map((line) => JSON.parse(line) as Record<string, any>) };
  }

  it('SEC-1 request lines show every credential header as [redacted], and neither the query string nor the body', async () => {
    const { logger, lines } = capturingLogger();
    const app = await env.start('standard', {}, { logger });
    const headers: Record<string, string> = {};
    for (const name of REDACTED_HEADERS) headers[name] = `header-secret-${name}`;
    await app.http.post(
      '/v1/sessions?code=314159&token=query-secret',
      { email: 'someone@example.com', password: 'body-secret' },
      { headers: { ...headers, 'x-request-id': 'trace-sec-1' } },
    );

    const entry = lines().find((line) => line.requestId === 'trace-sec-1' && line.msg === 'request completed');
    expect(entry?.req.headers).toMatchObject(Object.fromEntries(Object.keys(headers).map((name) => [name, LOG_CENSOR])));
    expect(entry?.req.headers['x-request-id']).toBe('trace-sec-1');
    const everything = JSON.stringify(lines());
    for (const secret of [...Object.values(headers), '314159', 'query-secret', 'body-secret']) expect(everything).not.toContain(secret);
  });

  it('OPS-3 a request line is one JSON object with the request id, route template, status and duration', async () => {
    const { logger, written, lines } = capturingLogger();
    const app = await env.start('standard', {}, { logger });
    await app.http.get('/health/live', { headers: { 'x-request-id': 'trace-ops-3-live' } });
    await app.http.get('/no/such/route?secret=abc', { headers: { 'x-request-id': 'trace-ops-3-404' } });

    for (const line of written) expect(line.indexOf('\n')).toBe(line.length - 1);
    const requestLines = lines().filter((line) => line.msg === 'request completed');
    expect(requestLines).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'Http',
        requestId: 'trace-ops-3-live',
        method: 'GET',
        route: '/health/live',
        status: 200,
      }),
      expect.objectContaining({
        level: 'info',
        context: 'Http',
        requestId: 'trace-ops-3-404',
        method: 'GET',
        route: 'unmatched',
        status: 404,
      }),
    ]);
    for (const line of requestLines) {
      expect(typeof line.durationMs).toBe('number');
      expect(new Date(line.time).toISOString()).toBe(line.time);
    }
  });

  it('OPS-3 request lines are info: LOG_LEVEL=warn leaves them out', async () => {
    const { logger, lines } = capturingLogger('warn');
    const app = await env.start('standard', {}, { logger });
    await app.http.get('/health/live', { headers: { 'x-request-id': 'trace-ops-3-quiet' } });
    expect(lines().filter((line) => line.requestId === 'trace-ops-3-quiet')).toEqual([]);
  });
});
