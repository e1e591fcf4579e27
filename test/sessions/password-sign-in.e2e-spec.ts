import { addMember, createCompany, createUser, PASSWORD, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';

describe('password sign-in', () => {
  const env = useTestEnvironment();

  it('SES-1 stores passwords as argon2id with m=19 MiB, t=2, p=1 and signs in with the right one', async () => {
    const app = await env.standard();
    const user = await createUser(app);
    const { rows } = await env.db.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const response = await signIn(app, user.email);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'authenticated', tokenType: 'Bearer', expiresIn: 900 });
  });

  it('SES-1 gives an unknown email and a wrong password the same 401 invalid_credentials', async () => {
    const app = await env.standard();
    const user = await createUser(app);
    const wrongPassword = await signIn(app, user.email, 'not the password');
    const unknownEmail = await signIn(app, 'nobody@example.com', PASSWORD);
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        code: 'invalid_credentials',
        message: 'The email or password is not correct.',
        requestId: expect.any(String),
      });
    }
  });

  it('SES-1 DIR-1 matches the email case-insensitively and refuses an inactive user like a wrong password', async () => {
    const app = await env.standard();
    const user = await createUser(app, { email: 'Mixed.Case@Example.com' });
    expect((await signIn(app, 'MIXED.case@example.COM')).status).toBe(200);
    const inactive = await createUser(app, { status: 'inactive' });
    const refused = await signIn(app, inactive.email);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_credentials');
    expect(user.email).toBe('mixed.case@example.com');
  });

  it('LOGIN-1 answers authenticated with tokens when the user needs no MFA', async () => {
    const app = await env.standard();
    const user = await createUser(app);
    const { body } = await signIn(app, user.email);
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'status', 'tokenType']);
    expect(body.status).toBe('authenticated');
  });

  it('DIR-5 refuses password sign-in to a member of a company whose SSO domain is their email domain', async () => {
    const app = await env.standard();
    const company = await createCompany(app, { ssoDomains: ['sso-builder.example'] });
    const ssoUser = await createUser(app, { email: 'sam@sso-builder.example' });
    await addMember(app, company, ssoUser);
    const response = await signIn(app, ssoUser.email);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('sso_required');
    expect((await signIn(app, 'Sam@SSO-Builder.example')).body.code).toBe('sso_required');
    // An unknown email of an SSO domain is sent to the identity provider too: nothing tells it apart.
    expect((await signIn(app, 'nobody@sso-builder.example')).body.code).toBe('sso_required');
    // Same domain but not a member of that company: a normal password user.
    const outsider = await createUser(app, { email: 'olly@sso-builder.example' });
    expect((await signIn(app, outsider.email)).status).toBe(200);
  });

  it('AUD-1 records sign-in outcomes with time, subject, IP, user agent and request id', async () => {
    const app = await env.standard();
    const user = await createUser(app);
    await app.http.post(
      '/v1/sessions',
      { email: user.email, password: 'wrong' },
      { headers: { 'user-agent': 'audit-test', 'x-request-id': 'req-failed-1' } },
    );
    await app.http.post(
      '/v1/sessions',
      { email: user.email, password: PASSWORD },
      { headers: { 'user-agent': 'audit-test', 'x-request-id': 'req-ok-1' } },
    );
    const { rows } = await env.db.query(`SELECT * FROM audit_events ORDER BY id`);
    expect(rows.map((row) => [row.type, row.request_id])).toEqual([
      ['sign_in.failed', 'req-failed-1'],
      ['sign_in.succeeded', 'req-ok-1'],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ subject_user_id: user.id, ip: '127.0.0.1', user_agent: 'audit-test' });
      expect(row.occurred_at).toEqual(env.clock.now());
      expect(JSON.stringify(row.data)).not.toContain(PASSWORD);
    }
  });

  describe('SEC-5 rate limits shared by every instance', () => {
    it('SEC-5 refuses an account after 10 failed passwords, counted across two instances, until the window passes', async () => {
      const first = await env.standard();
      const second = await env.start('standard');
      const user = await createUser(first);
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const instance = attempt % 2 === 0 ? first : second;
        expect((await signIn(instance, user.email, `wrong ${attempt}`)).body.code).toBe('invalid_credentials');
      }
      const limited = await signIn(second, user.email);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('too_many_attempts');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      env.clock.advance(15 * 60);
      expect((await signIn(first, user.email)).status).toBe(200);
    });

    it('SEC-5 refuses a client IP after its attempts are spent, on every instance', async () => {
      const first = await env.start('standard', { LOGIN_MAX_ATTEMPTS_PER_IP: '3' });
      const second = await env.start('standard', { LOGIN_MAX_ATTEMPTS_PER_IP: '3' });
      const users = await Promise.all([createUser(first), createUser(first), createUser(first), createUser(first)]);
      expect((await signIn(first, users[0]!.email)).status).toBe(200);
      expect((await signIn(second, users[1]!.email)).status).toBe(200);
      expect((await signIn(first, users[2]!.email)).status).toBe(200);
      const limited = await signIn(second, users[3]!.email);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('too_many_attempts');
    });
  });
});
