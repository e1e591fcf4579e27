import { DEMO_PASSWORD, DEMO_USERS, seedDemoDirectory } from '../../apps/worker/src/commands/demo-directory';
import { signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { TEST_SERVICE_TOKEN } from '../support/test-config';

describe('internal directory API', () => {
  const env = useTestEnvironment();
  const service = { token: TEST_SERVICE_TOKEN };

  it('DIR-4 DIR-1 creates users with argon2id passwords and unique, case-insensitive emails', async () => {
    const app = await env.standard();
    const created = await app.http.post('/internal/v1/users', { email: 'Nora@Example.com', password: 'a strong password' }, service);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const { rows } = await env.db.query(`SELECT email, status, always_require_mfa, support, password_hash FROM users`);
    expect(rows[0]).toMatchObject({ email: 'nora@example.com', status: 'active', always_require_mfa: false, support: false });
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);

    const duplicate = await app.http.post('/internal/v1/users', { email: 'NORA@example.COM', password: 'another strong one' }, service);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('email_taken');
    expect((await signIn(app, 'nora@example.com', 'a strong password')).status).toBe(200);
  });

  it('DIR-4 DIR-1 updates status, password and the locked alwaysRequireMfa switch', async () => {
    const app = await env.standard();
    const { id } = (await app.http.post('/internal/v1/users', { email: 'olive@example.com', password: 'first password!' }, service)).body;
    const patched = await app.http.patch(
      `/internal/v1/users/${id}`,
      { password: 'second password!', alwaysRequireMfa: true, support: true },
      service,
    );
    expect(patched.status).toBe(204);
    expect((await signIn(app, 'olive@example.com', 'first password!')).status).toBe(401);
    const { rows } = await env.db.query(`SELECT always_require_mfa, support FROM users WHERE id = $1`, [id]);
    expect(rows[0]).toEqual({ always_require_mfa: true, support: true });
    await app.http.patch(`/internal/v1/users/${id}`, { status: 'inactive' }, service);
    expect((await signIn(app, 'olive@example.com', 'second password!')).body.code).toBe('invalid_credentials');
    const missing = await app.http.patch(`/internal/v1/users/00000000-0000-4000-8000-000000000000`, { status: 'active' }, service);
    expect(missing.status).toBe(404);
  });

  it('DIR-4 SES-7 deactivating a user signs them out everywhere at once', async () => {
    const app = await env.standard();
    const second = await env.start('standard');
    const { id } = (await app.http.post('/internal/v1/users', { email: 'paul@example.com', password: 'a strong password' }, service)).body;
    const session = (await signIn(app, 'paul@example.com', 'a strong password')).body;
    expect((await second.http.get('/v1/sessions/current', { token: session.accessToken })).status).toBe(200);
    await app.http.patch(`/internal/v1/users/${id}`, { status: 'inactive' }, service);
    expect((await second.http.get('/v1/sessions/current', { token: session.accessToken })).body.code).toBe('session_revoked');
  });

  it('DIR-2 DIR-3 PAY-1 creates companies and memberships with roles, status and Pay roles that fit the company', async () => {
    const app = await env.standard();
    const user = (await app.http.post('/internal/v1/users', { email: 'pat@example.com', password: 'a strong password' }, service)).body;
    const payor = (
      await app.http.post('/internal/v1/companies', { name: 'Payor Co', payKind: 'payor', ssoDomains: ['Payor.Example'] }, service)
    ).body;
    const plain = (await app.http.post('/internal/v1/companies', { name: 'Plain Co' }, service)).body;

    const member = await app.http.put(
      `/internal/v1/companies/${payor.id}/members/${user.id}`,
      { role: 'admin', payRoles: ['payments_disburser'] },
      service,
    );
    expect(member.status).toBe(204);
    const { rows } = await env.db.query(
      `SELECT m.role, m.status, m.pay_roles, c.pay_kind, c.sso_domains FROM memberships m JOIN companies c ON c.id = m.company_id`,
    );
    expect(rows).toEqual([
      { role: 'admin', status: 'active', pay_roles: ['payments_disburser'], pay_kind: 'payor', sso_domains: ['payor.example'] },
    ]);

    const misfit = await app.http.put(
      `/internal/v1/companies/${plain.id}/members/${user.id}`,
      { role: 'member', payRoles: ['payee_admin'] },
      service,
    );
    expect(misfit.status).toBe(422);
    expect(misfit.body).toMatchObject({ code: 'invalid_pay_role', roles: ['payee_admin'] });
    const unknownRole = await app.http.put(`/internal/v1/companies/${plain.id}/members/${user.id}`, { role: 'owner' }, service);
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.errors).toEqual([{ field: 'role', message: expect.stringContaining('role must be one of') }]);
  });

  it('DIR-4 refuses callers without the service token, and a wrong one', async () => {
    const app = await env.standard();
    const none = await app.http.post('/internal/v1/companies', { name: 'X' });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('authentication_required');
    const wrong = await app.http.post('/internal/v1/companies', { name: 'X' }, { token: `${TEST_SERVICE_TOKEN}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_token');
    expect((await env.db.query(`SELECT 1 FROM companies`)).rowCount).toBe(0);
  });

  it('DIR-4 is disabled when no service token is configured', async () => {
    const app = await env.start('standard', { INTERNAL_API_TOKEN: '' });
    const response = await app.http.post('/internal/v1/companies', { name: 'X' }, service);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('internal_api_disabled');
  });

  it('DIR-5 an SSO member created through the API cannot sign in with a password', async () => {
    const app = await env.standard();
    const company = (await app.http.post('/internal/v1/companies', { name: 'Sky', ssoDomains: ['sky.example'] }, service)).body;
    const user = (await app.http.post('/internal/v1/users', { email: 'ann@sky.example', password: 'a strong password' }, service)).body;
    await app.http.put(`/internal/v1/companies/${company.id}/members/${user.id}`, { role: 'member' }, service);
    const response = await signIn(app, 'ann@sky.example', 'a strong password');
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('sso_required');
  });

  it('DIR-4 the demo seed loads the demo directory, and loading it twice changes nothing', async () => {
    const app = await env.standard();
    const context = { get: app.get } as never;
    await seedDemoDirectory(context);
    await seedDemoDirectory(context);
    const counts = await env.db.query(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM companies)::int AS companies`,
    );
    expect(counts.rows[0]).toEqual({ users: DEMO_USERS.length, companies: 4 });
    expect((await signIn(app, 'bob@acme.example', DEMO_PASSWORD)).body.status).toBe('authenticated');
    expect((await signIn(app, 'sam@skyline.example', DEMO_PASSWORD)).body.code).toBe('sso_required');
  });
});
