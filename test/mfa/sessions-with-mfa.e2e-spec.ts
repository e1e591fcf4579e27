import { SecretRotation } from '@sitepass/auth';
import { randomBytes } from 'node:crypto';
import { signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { TEST_SERVICE_TOKEN } from '../support/test-config';

describe('sessions after MFA', () => {
  const env = useTestEnvironment();

  it('SES-5 refuses a refresh with mfa_reauth_required once the MFA proof is older than 12 hours', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    let { refreshToken } = (await signInWithTotp(app, user)).verified.body;
    env.clock.advance(11 * 3600);
    const fine = await app.http.post('/v1/sessions/refresh', { refreshToken });
    expect(fine.status).toBe(200);
    refreshToken = fine.body.refreshToken;
    env.clock.advance(3600 + 1);
    const refused = await app.http.post('/v1/sessions/refresh', { refreshToken });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('mfa_reauth_required');
  });

  it('SES-5 refuses the refresh of a password-only session once MFA has become required', async () => {
    const app = await env.standard();
    const { id } = (
      await app.http.post(
        '/internal/v1/users',
        { email: 'late@example.com', password: 'correct horse battery staple' },
        { token: TEST_SERVICE_TOKEN },
      )
    ).body;
    const { refreshToken } = (await signIn(app, 'late@example.com')).body;
    await app.http.patch(`/internal/v1/users/${id}`, { alwaysRequireMfa: true }, { token: TEST_SERVICE_TOKEN });
    const refused = await app.http.post('/v1/sessions/refresh', { refreshToken });
    expect(refused.body.code).toBe('mfa_reauth_required');
  });

  it('SES-6 a trusted device skips the MFA step until the re-authentication interval has passed', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const { deviceToken } = (await signInWithTotp(app, user)).verified.body;
    expect(deviceToken).toEqual(expect.any(String));
    env.clock.advance(6 * 3600);
    const skipped = await signIn(app, user.email, undefined, { deviceToken });
    expect(skipped.body).toMatchObject({ status: 'authenticated', accessToken: expect.any(String) });
    const current = await app.http.get('/v1/sessions/current', { token: skipped.body.accessToken });
    expect(current.body).toMatchObject({ acr: 'aal2', amr: ['pwd', 'otp'] });
    env.clock.advance(6 * 3600 + 1);
    expect((await signIn(app, user.email, undefined, { deviceToken })).body.status).toBe('mfa_required');
  });

  it('SES-6 a device token is bound to its user and stored hashed', async () => {
    const app = await env.standard();
    const alice = await createEnrolledUser(app, env.clock);
    const bob = await createEnrolledUser(app, env.clock);
    const { deviceToken } = (await signInWithTotp(app, alice)).verified.body;
    expect((await signIn(app, bob.email, undefined, { deviceToken })).body.status).toBe('mfa_required');
    const stored = await env.db.query(`SELECT token_hash FROM trusted_devices`);
    expect(JSON.stringify(stored.rows)).not.toContain(deviceToken);
  });

  it('SES-6 the password is still checked on a trusted device', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const { deviceToken } = (await signInWithTotp(app, user)).verified.body;
    expect((await signIn(app, user.email, 'wrong password', { deviceToken })).body.code).toBe('invalid_credentials');
  });

  it('TOTP-6 re-encrypts secrets under the newest key; afterwards the old key can be dropped', async () => {
    const oldKey = `old:${randomBytes(32).toString('base64')}`;
    const newKey = `new:${randomBytes(32).toString('base64')}`;
    const before = await env.start('standard', { ENCRYPTION_KEYS: oldKey });
    const user = await createEnrolledUser(before, env.clock);
    const during = await env.start('standard', { ENCRYPTION_KEYS: `${newKey},${oldKey}` });
    expect((await signInWithTotp(during, user)).verified.status).toBe(200);
    await expect(during.get(SecretRotation).reencryptAll()).resolves.toEqual({ reencrypted: 1 });
    expect((await env.db.query(`SELECT secret_key_id FROM factors WHERE status = 'active'`)).rows).toEqual([{ secret_key_id: 'new' }]);
    await expect(during.get(SecretRotation).reencryptAll()).resolves.toEqual({ reencrypted: 0 });
    const after = await env.start('standard', { ENCRYPTION_KEYS: newKey });
    env.clock.advance(30);
    expect((await signInWithTotp(after, user)).verified.status).toBe(200);
  });
});
