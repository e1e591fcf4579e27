import { randomUUID } from 'node:crypto';
import { createUser, signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { TEST_SERVICE_TOKEN } from '../support/test-config';

describe('the HTTP edge', () => {
  const env = useTestEnvironment();

  describe('SEC-2 validation at the edge', () => {
    it('SEC-2 refuses unknown fields and wrong types with 400 validation_failed and one error per field', async () => {
      const app = await env.standard();
      const response = await app.http.post('/v1/sessions', { email: 42, password: ['x'], admin: true });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', message: expect.any(String), requestId: expect.any(String) });
      const fields = (response.body.errors as Array<{ field: string }>).map((error) => error.field);
      expect(new Set(fields)).toEqual(new Set(['admin', 'email', 'password']));
      expect(response.body.errors).toContainEqual({ field: 'admin', message: 'property admin should not exist' });
    });

    it('SEC-2 refuses malformed JSON with 400 invalid_json and a body that is not an object with validation_failed', async () => {
      const app = await env.standard();
      const malformed = await app.http.post('/v1/sessions', undefined, { rawBody: '{"email": "a@b.c",' });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'invalid_json', requestId: expect.any(String) });
      for (const rawBody of ['[]', '[{"email":"a@b.c"}]', 'null', '"text"', '17']) {
        const response = await app.http.post('/v1/sessions', undefined, { rawBody });
        expect(response.status).toBe(400);
        expect(['invalid_json', 'validation_failed']).toContain(response.body.code);
      }
    });

    it('SEC-2 refuses bodies over 16 KiB with 413', async () => {
      const app = await env.standard();
      const response = await app.http.post('/v1/sessions', { email: 'a@example.com', password: 'x'.repeat(17 * 1024) });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ code: 'payload_too_large', requestId: expect.any(String) });
      const fits = await app.http.post('/v1/sessions', { email: 'a@example.com', password: 'x'.repeat(1000) });
      expect(fits.status).toBe(401);
    });

    it('SEC-2 answers a body in a charset or content encoding it does not read with 415 unsupported_media_type, not a 5xx', async () => {
      const app = await env.standard();
      const unreadable: Array<Record<string, string>> = [
        { 'content-type': 'application/json; charset=latin1' },
        { 'content-type': 'application/json', 'content-encoding': 'compress' },
      ];
      for (const headers of unreadable) {
        const response = await app.http.post('/v1/sessions', undefined, { rawBody: '{}', headers });
        expect(response.status).toBe(415);
        expect(response.body).toMatchObject({ code: 'unsupported_media_type', requestId: expect.any(String) });
      }
    });

    it('SEC-2 never answers a malformed request to any documented endpoint with a 5xx', async () => {
      for (const kind of ['standard', 'pay'] as const) {
        const app = await env.app(kind);
        const user = await createUser(app);
        const accessToken = (await signIn(app, user.email)).body.accessToken as string;
        const operations = await documentedOperations(app);
        expect(operations.length).toBeGreaterThan(3);
        const requests = operations.flatMap(({ method, path }) =>
          [undefined, 'garbage', accessToken, TEST_SERVICE_TOKEN].flatMap((token) => [
            ...MALFORMED_BODIES.map((rawBody) => ({ method, path: pathVariants(path)[0]!, rawBody, token })),
            ...pathVariants(path)
              .slice(1)
              .map((variant) => ({ method, path: variant, rawBody: '{}', token })),
          ]),
        );
        for (let start = 0; start < requests.length; start += 16) {
          await Promise.all(
            requests.slice(start, start + 16).map(async ({ method, path, rawBody, token }) => {
              const response = await app.http.request(method, path, { rawBody: method === 'GET' ? undefined : rawBody, token });
              if (response.status >= 500 || (response.status >= 400 && !response.body?.code)) {
                throw new Error(`${method} ${path} ${rawBody.slice(0, 40)} → ${response.status} ${JSON.stringify(response.body)}`);
              }
            }),
          );
        }
      }
      // Every documented operation, four credentials, every malformed body: the work grows with the API.
    }, 90_000);
  });

  describe('SEC-4 behind a gateway', () => {
    it('SEC-4 echoes a well-formed X-Request-Id and replaces a missing or malformed one', async () => {
      const app = await env.standard();
      const kept = await app.http.get('/health/live', { headers: { 'x-request-id': 'gw-4f1c.9' } });
      expect(kept.headers.get('x-request-id')).toBe('gw-4f1c.9');
      const generated = await app.http.get('/health/live');
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const malformed = await app.http.post('/v1/sessions', {}, { headers: { 'x-request-id': 'has spaces <script>' } });
      const echoed = malformed.headers.get('x-request-id');
      expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
      expect(malformed.body.requestId).toBe(echoed);
    });

    it('SEC-4 believes X-Forwarded-For only from a trusted proxy', async () => {
      const trusting = await env.start('standard', { TRUSTED_PROXIES: '127.0.0.1' });
      const untrusting = await env.standard();
      const user = await createUser(trusting);
      const headers = { 'x-forwarded-for': '203.0.113.9' };
      await trusting.http.post('/v1/sessions', { email: user.email, password: 'wrong' }, { headers });
      await untrusting.http.post('/v1/sessions', { email: user.email, password: 'wrong' }, { headers });
      const { rows } = await env.db.query(`SELECT ip FROM audit_events ORDER BY id`);
      expect(rows.map((row) => row.ip)).toEqual(['203.0.113.9', '127.0.0.1']);
    });

    it('SEC-4 SEC-5 limits the client behind the proxy, not the proxy itself', async () => {
      const app = await env.start('standard', { TRUSTED_PROXIES: '127.0.0.1', LOGIN_MAX_ATTEMPTS_PER_IP: '2' });
      const attempt = (ip: string) =>
        app.http.post('/v1/sessions', { email: 'x@example.com', password: 'p' }, { headers: { 'x-forwarded-for': ip } });
      expect((await attempt('198.51.100.1')).status).toBe(401);
      expect((await attempt('198.51.100.1')).status).toBe(401);
      expect((await attempt('198.51.100.1')).status).toBe(429);
      expect((await attempt('198.51.100.2')).status).toBe(401);
    });

    it('SEC-4 sets security headers and keeps token responses out of caches', async () => {
      const app = await env.standard();
      const user = await createUser(app);
      const response = await signIn(app, user.email);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect((await app.http.get('/.well-known/jwks.json')).headers.get('cache-control')).toBe('public, max-age=300');
    });
  });
});

const MALFORMED_BODIES = [
  '',
  '{',
  '[]',
  'null',
  '"text"',
  '{"email": {"$gt": ""}, "password": {"$ne": null}}',
  '{"code": 123456, "factorType": ["totp"], "phoneNumber": 5551234, "refreshToken": {}, "operation": null}',
  `{"email": "${'a'.repeat(300)}@example.com", "password": "${'p'.repeat(2000)}", "name": "${'n'.repeat(5000)}"}`,
  '{"role": "owner", "payRoles": "payee_admin", "ssoDomains": [1, 2], "status": true, "identityVerified": "yes"}',
  '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}',
];

async function documentedOperations(app: RunningApp): Promise<Array<{ method: string; path: string }>> {
  const document = (await app.http.get('/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
}

function pathVariants(path: string): string[] {
  if (!path.includes('{')) return [path];
  return [randomUUID(), 'not-a-uuid', '%00', "1' OR '1'='1"].map((value) => path.replace(/\{[^}]+\}/g, encodeURIComponent(value)));
}
