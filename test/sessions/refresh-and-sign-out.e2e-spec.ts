import { createUser, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';

describe('refresh and sign-out', () => {
  const env = useTestEnvironment();

  async function signedIn() {
    const app = await env.standard();
    const user = await createUser(app);
    const { body } = await signIn(app, user.email);
    return { app, user, tokens: body as { accessToken: string; refreshToken: string } };
  }

  it('SES-4 rotates the refresh token on every use and stores only its hash', async () => {
    const { app, tokens } = await signedIn();
    const first = await app.http.post('/v1/sessions/refresh', { refreshToken: tokens.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
    expect(first.body.refreshToken).not.toBe(tokens.refreshToken);
    expect(Buffer.from(first.body.refreshToken, 'base64url')).toHaveLength(32);
    const second = await app.http.post('/v1/sessions/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);

    const stored = await env.db.query(`SELECT token_hash FROM refresh_tokens`);
    expect(stored.rows).toHaveLength(3);
    const plaintexts = [tokens.refreshToken, first.body.refreshToken, second.body.refreshToken];
    for (const row of stored.rows) expect(plaintexts).not.toContain(row.token_hash);
  });

  it('SES-4 revokes the whole session when an already rotated refresh token comes back', async () => {
    const { app, tokens } = await signedIn();
    const rotated = await app.http.post('/v1/sessions/refresh', { refreshToken: tokens.refreshToken });
    expect(rotated.status).toBe(200);

    const replay = await app.http.post('/v1/sessions/refresh', { refreshToken: tokens.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('session_revoked');
    // The thief's replay also kills the legitimate holder's newer tokens.
    const legitimate = await app.http.post('/v1/sessions/refresh', { refreshToken: rotated.body.refreshToken });
    expect(legitimate.body.code).toBe('session_revoked');
    expect((await app.http.get('/v1/sessions/current', { token: rotated.body.accessToken })).body.code).toBe('session_revoked');
    const audit = await env.db.query(`SELECT type FROM audit_events WHERE type = 'session.refresh_reused'`);
    expect(audit.rowCount).toBe(1);
  });

  it('SES-4 ends a session 30 days after sign-in however often it is refreshed', async () => {
    const { app, tokens } = await signedIn();
    let refreshToken = tokens.refreshToken;
    for (let day = 0; day < 29; day += 1) {
      env.clock.advance(24 * 3600);
      const response = await app.http.post('/v1/sessions/refresh', { refreshToken });
      expect(response.status).toBe(200);
      refreshToken = response.body.refreshToken;
    }
    env.clock.advance(24 * 3600);
    const expired = await app.http.post('/v1/sessions/refresh', { refreshToken });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('session_expired');
  });

  it('SES-4 refuses an unknown refresh token, and a standard token at Pay', async () => {
    const { tokens } = await signedIn();
    const standard = await env.standard();
    expect((await standard.http.post('/v1/sessions/refresh', { refreshToken: 'x'.repeat(43) })).body.code).toBe('invalid_token');
    const pay = await env.pay();
    const crossed = await pay.http.post('/v1/pay/sessions/refresh', { refreshToken: tokens.refreshToken });
    expect(crossed.status).toBe(401);
    expect(crossed.body.code).toBe('invalid_token');
  });

  it('SES-7 OPS-5 sign-out on one instance makes the access token fail on a second instance at once', async () => {
    const first = await env.standard();
    const second = await env.start('standard');
    const user = await createUser(first);
    const { accessToken, refreshToken } = (await signIn(first, user.email)).body;
    expect((await second.http.get('/v1/sessions/current', { token: accessToken })).status).toBe(200);

    expect((await first.http.delete('/v1/sessions/current', { token: accessToken })).status).toBe(204);

    const afterwards = await second.http.get('/v1/sessions/current', { token: accessToken });
    expect(afterwards.status).toBe(401);
    expect(afterwards.body.code).toBe('session_revoked');
    expect((await second.http.post('/v1/sessions/refresh', { refreshToken })).body.code).toBe('session_revoked');
  });

  it('SES-7 keeps a revocation when Redis loses all its data, by asking PostgreSQL', async () => {
    const { app, tokens } = await signedIn();
    await app.http.delete('/v1/sessions/current', { token: tokens.accessToken });
    await env.flushRedis();
    const response = await app.http.get('/v1/sessions/current', { token: tokens.accessToken });
    expect(response.body.code).toBe('session_revoked');
    // Other sessions keep working while the revocation set is rebuilt.
    const other = await signedIn();
    expect((await app.http.get('/v1/sessions/current', { token: other.tokens.accessToken })).status).toBe(200);
  });
});
