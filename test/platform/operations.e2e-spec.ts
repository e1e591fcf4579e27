import { LoggerService } from '@nestjs/common';
import { JsonLogger } from '@sitepass/common';
import { MIGRATIONS, runMigrations } from '@sitepass/database';
import { AppProcess } from '../support/app-process';
import { createUser, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';

describe('operations', () => {
  const env = useTestEnvironment();

  function capturingLogger(): { logger: LoggerService; lines: Array<Record<string, unknown>> } {
    const lines: Array<Record<string, unknown>> = [];
    return { lines, logger: new JsonLogger('info', (line) => lines.push(JSON.parse(line))) };
  }

  it('OPS-1 answers liveness and readiness with PostgreSQL and Redis checked, on both apps and the worker', async () => {
    for (const kind of ['standard', 'pay', 'worker'] as const) {
      const app = await env.app(kind);
      expect((await app.http.get('/health/live')).body).toEqual({ status: 'ok' });
      const ready = await app.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready', checks: { postgres: 'up', redis: 'up' } });
    }
  });

  it('OPS-1 reports not ready with 503 when Redis cannot be reached', async () => {
    const app = await env.start('standard', { REDIS_URL: 'redis://127.0.0.1:6390' }, { logger: capturingLogger().logger });
    const ready = await app.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready', checks: { postgres: 'up', redis: 'down' } });
  });

  it('OPS-1 publishes Prometheus metrics: request latency and sign-in outcomes', async () => {
    const app = await env.standard();
    const user = await createUser(app);
    await signIn(app, user.email);
    const metrics = await app.http.get('/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.body).toMatch(/http_request_duration_seconds_bucket\{.*route="\/v1\/sessions".*\} \d+/);
    expect(metrics.body).toMatch(/sitepass_sign_ins_total\{audience="standard",outcome="authenticated",process="standard-mfa"\} 1/);
    const worker = await env.worker();
    expect((await worker.http.get('/metrics')).body).toContain('process="worker"');
  });

  it("OPS-1 each process, started from its entry point, also publishes Node's default metrics, once", async () => {
    const names = { standard: 'standard-mfa', pay: 'pay-mfa', worker: 'worker' } as const;
    const processes = await Promise.all(
      (['standard', 'pay', 'worker'] as const).map(async (kind) => ({ kind, started: await AppProcess.start(kind) })),
    );
    try {
      for (const { kind, started } of processes) {
        const exposition = (await started.http.get('/metrics')).body as string;
        const label = `process="${names[kind]}"`;
        expect(exposition).toMatch(new RegExp(`^process_cpu_seconds_total\\{${label}\\} [0-9.e+-]+$`, 'm'));
        expect(exposition).toMatch(new RegExp(`^nodejs_eventloop_lag_p99_seconds\\{${label}\\} [0-9.e+-]+$`, 'm'));
        expect(exposition).toMatch(new RegExp(`^nodejs_heap_size_used_bytes\\{${label}\\} \\d+$`, 'm'));
        expect(exposition.match(/^# TYPE process_cpu_seconds_total /gm)).toHaveLength(1);
      }
    } finally {
      await Promise.all(processes.map(({ started }) => started.kill()));
    }
  });

  it('OPS-1 serves the OpenAPI document and UI at /docs on both apps', async () => {
    const standard = await env.standard();
    const document = (await standard.http.get('/docs/openapi.json')).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/sessions',
        '/v1/sessions/refresh',
        '/v1/sessions/current',
        '/.well-known/jwks.json',
        '/internal/v1/users',
      ]),
    );
    const ui = await standard.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.body).toContain('swagger');
    const pay = await env.pay();
    expect(Object.keys((await pay.http.get('/docs/openapi.json')).body.paths)).toContain('/v1/pay/sessions');
  });

  it('OPS-3 writes one JSON object per log line with the request id, and never the password', async () => {
    const { logger, lines } = capturingLogger();
    const app = await env.start('standard', {}, { logger });
    await app.http.post(
      '/v1/sessions',
      { email: 'someone@example.com', password: 'hunter2-secret' },
      { headers: { 'x-request-id': 'trace-ops-3' } },
    );
    const entry = lines.find((line) => line.requestId === 'trace-ops-3');
    expect(entry).toMatchObject({ level: 'info', msg: 'request completed', method: 'POST', route: '/v1/sessions', status: 401 });
    expect(typeof entry!.time).toBe('string');
    expect(JSON.stringify(lines)).not.toContain('hunter2-secret');
  });

  it('OPS-3 finishes in-flight requests on shutdown', async () => {
    const app = await env.start('standard');
    const user = await createUser(app);
    const inFlight = signIn(app, user.email);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await Promise.all([app.close(), expect(inFlight).resolves.toMatchObject({ status: 200 })]);
  });

  it('OPS-4 applies schema changes only through migrations, and applying them again changes nothing', async () => {
    const { rows } = await env.db.query(`SELECT name FROM migrations ORDER BY id`);
    expect(rows.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
    await expect(runMigrations((await env.standard()).config.databaseUrl)).resolves.toEqual([]);
  });
});
