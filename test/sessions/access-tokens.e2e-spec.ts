import { createLocalJWKSet, createRemoteJWKSet, jwtVerify } from 'jose';
import { createUser, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { decodeJwt, es256Jwt, hs256Jwt, unsignedJwt } from '../support/jwt';
import { newSigningKeyPem, TEST_ISSUER } from '../support/test-config';

describe('access tokens', () => {
  const env = useTestEnvironment();

  async function signedInToken(kind: 'standard' | 'pay' = 'standard') {
    const app = await env.app(kind);
    const user = await createUser(app);
    const response = await signIn(app, user.email);
    expect(response.status).toBe(200);
    return { app, user, accessToken: response.body.accessToken as string };
  }

  it('SES-2 signs an ES256 access token with a kid and every listed claim, for 15 minutes', async () => {
    const { user, accessToken } = await signedInToken();
    const { header, claims } = decodeJwt(accessToken);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(typeof header.kid).toBe('string');
    const now = Math.floor(env.clock.now().getTime() / 1000);
    expect(claims).toEqual({
      iss: TEST_ISSUER,
      sub: user.id,
      aud: 'standard',
      iat: now,
      exp: now + 900,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      acr: 'aal1',
      amr: ['pwd'],
      auth_time: now,
    });
  });

  it('SES-3 publishes the keys so that an independent JWT library verifies the token', async () => {
    const { app, user, accessToken } = await signedInToken();
    const jwks = createRemoteJWKSet(new URL(`${app.http.baseUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(accessToken, jwks, {
      issuer: TEST_ISSUER,
      audience: 'standard',
      algorithms: ['ES256'],
      currentDate: env.clock.now(),
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.sub).toBe(user.id);
  });

  it('SES-3 verifies tokens of every configured key while the newest signs, so keys rotate without downtime', async () => {
    const oldKey = newSigningKeyPem();
    const newKey = newSigningKeyPem();
    const before = await env.start('standard', { JWT_SIGNING_KEYS: oldKey });
    const during = await env.start('standard', { JWT_SIGNING_KEYS: `${newKey}\n${oldKey}` });
    const user = await createUser(before);
    const oldToken = (await signIn(before, user.email)).body.accessToken;
    const newToken = (await signIn(during, user.email)).body.accessToken;

    const published = (await during.http.get('/.well-known/jwks.json')).body;
    expect(published.keys).toHaveLength(2);
    expect(decodeJwt(newToken).header.kid).toBe(published.keys[0].kid);
    expect(decodeJwt(oldToken).header.kid).toBe(published.keys[1].kid);
    const jwks = createLocalJWKSet(published);
    for (const token of [oldToken, newToken]) {
      await expect(jwtVerify(token, jwks, { currentDate: env.clock.now() })).resolves.toBeDefined();
      expect((await during.http.get('/v1/sessions/current', { token })).status).toBe(200);
    }
  });

  describe('SES-8 refuses tokens that are not ours, not for this app, or not current, with 401 invalid_token', () => {
    async function expectRefused(token: string, kind: 'standard' | 'pay' = 'standard') {
      const app = await env.app(kind);
      const path = kind === 'pay' ? '/v1/pay/sessions/current' : '/v1/sessions/current';
      const response = await app.http.get(path, { token });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'invalid_token', message: expect.any(String), requestId: expect.any(String) });
    }

    it('SES-8 accepts the genuine token (control case)', async () => {
      const { app, accessToken } = await signedInToken();
      expect((await app.http.get('/v1/sessions/current', { token: accessToken })).status).toBe(200);
    });

    it('SES-8 refuses a token signed by another key under our kid', async () => {
      const { accessToken } = await signedInToken();
      const { header, claims } = decodeJwt(accessToken);
      await expectRefused(es256Jwt(header, claims, newSigningKeyPem()));
    });

    it('SES-8 refuses a token whose claims were changed after signing', async () => {
      const { accessToken } = await signedInToken();
      const [header, , signature] = accessToken.split('.');
      const claims = { ...decodeJwt(accessToken).claims, acr: 'aal2', amr: ['pwd', 'otp'] };
      await expectRefused(`${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`);
    });

    it('SES-8 refuses a token past its exp, judged by the server clock', async () => {
      const { app, accessToken } = await signedInToken();
      env.clock.advance(899);
      expect((await app.http.get('/v1/sessions/current', { token: accessToken })).status).toBe(200);
      env.clock.advance(2);
      await expectRefused(accessToken);
    });

    it('SES-8 refuses alg none', async () => {
      const { accessToken } = await signedInToken();
      const { header, claims } = decodeJwt(accessToken);
      await expectRefused(unsignedJwt({ ...header, alg: 'none' }, claims));
    });

    it('SES-8 refuses HS256 signed with the public key as the HMAC secret', async () => {
      const { app, accessToken } = await signedInToken();
      const { header, claims } = decodeJwt(accessToken);
      const jwk = (await app.http.get('/.well-known/jwks.json')).body.keys[0];
      const { createPublicKey } = await import('node:crypto');
      const publicPem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
      await expectRefused(hs256Jwt(header, claims, publicPem));
    });

    it('SES-8 refuses a standard token at Pay and a Pay token at the standard app', async () => {
      const standard = await signedInToken('standard');
      await expectRefused(standard.accessToken, 'pay');
      const pay = await signedInToken('pay');
      expect(decodeJwt(pay.accessToken).claims.aud).toBe('pay');
      await expectRefused(pay.accessToken, 'standard');
    });

    it('SES-8 refuses a token from another issuer', async () => {
      const elsewhere = await env.start('standard', { JWT_ISSUER: 'https://elsewhere.test' });
      const user = await createUser(elsewhere);
      await expectRefused((await signIn(elsewhere, user.email)).body.accessToken);
    });

    it('SES-8 refuses garbage and a missing token gets authentication_required', async () => {
      await expectRefused('not.a.jwt');
      const app = await env.standard();
      const response = await app.http.get('/v1/sessions/current');
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('authentication_required');
    });
  });
});
