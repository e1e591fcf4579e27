import { randomUUID } from 'node:crypto';
import { addMember, createCompany, createUser, signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { TestIdentityProvider } from '../support/oidc-provider';
import { createEnrolledUser, enrollTotp, signInWithTotp } from '../support/mfa';
import { TEST_SERVICE_TOKEN } from '../support/test-config';
import { Company, PayRole, User } from '@sitepass/database';

const SSO_DOMAIN = 'acme-sso.example';
const service = { token: TEST_SERVICE_TOKEN };

describe('PAY-11 DIR-6 Pay after single sign-on', () => {
  const env = useTestEnvironment();
  const providers: TestIdentityProvider[] = [];
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((provider) => provider.stop()));
  });

  /** A Pay company whose members of SSO_DOMAIN sign in at its own local OpenID Connect provider. */
  async function ssoCompany(payKind: 'payor' | 'payee' = 'payee') {
    const standard = await env.standard();
    const pay = await env.pay();
    const provider = await new TestIdentityProvider(env.clock).start();
    providers.push(provider);
    const company = await createCompany(pay, { payKind, ssoDomains: [SSO_DOMAIN] });
    const saved = await standard.http.put(`/internal/v1/companies/${company.id}/identity-provider`, provider.settings, service);
    expect(saved.status).toBe(200);
    return { standard, pay, provider, company };
  }

  /** An SSO user (no password here) holding Pay roles in the company. */
  async function ssoUser(pay: RunningApp, company: Company, payRoles: PayRole[]): Promise<User> {
    const user = await createUser(pay, { email: `pat.${randomUUID().slice(0, 8)}@${SSO_DOMAIN}`, password: undefined });
    await addMember(pay, company, user, { role: payRoles.includes('payee_admin') ? 'admin' : 'member', payRoles });
    return user;
  }

  function ssoSignIn(pay: RunningApp, idToken: string, nonce: string) {
    return pay.http.post('/v1/pay/sessions/sso', { idToken, nonce });
  }

  /** A fresh nonce and an ID token carrying it, as a client gets back from the provider. */
  async function freshToken(provider: TestIdentityProvider, email: string, options: Parameters<TestIdentityProvider['idToken']>[2] = {}) {
    const nonce = randomUUID();
    return { nonce, idToken: await provider.idToken(email, nonce, options) };
  }

  it('DIR-6 the internal API sets, shows and removes a company’s provider; URLs must be https except on loopback', async () => {
    const standard = await env.standard();
    const company = await createCompany(standard, { payKind: 'payee', ssoDomains: [SSO_DOMAIN] });
    const path = `/internal/v1/companies/${company.id}/identity-provider`;
    const good = { issuer: 'https://login.acme.example', clientId: 'sitepass-pay', jwksUri: 'https://login.acme.example/jwks' };
    expect((await standard.http.get(path, service)).status).toBe(404);

    for (const [change, field] of [
      [{ jwksUri: 'http://login.acme.example/jwks' }, 'jwksUri'],
      [{ jwksUri: 'not a url' }, 'jwksUri'],
      [{ issuer: 'http://10.0.0.5' }, 'issuer'],
      [{ issuer: 'https://login.acme.example?tenant=1' }, 'issuer'],
      [{ clientId: '' }, 'clientId'],
    ] as const) {
      const refused = await standard.http.put(path, { ...good, ...change }, service);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 400, code: 'validation_failed' });
      expect(refused.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    expect((await standard.http.put(path, { ...good, extra: 1 }, service)).status).toBe(400);
    expect((await standard.http.put(path, good, {})).status).toBe(401);
    expect((await standard.http.put(`/internal/v1/companies/${randomUUID()}/identity-provider`, good, service)).status).toBe(404);

    const loopback = { ...good, issuer: 'http://127.0.0.1:8080', jwksUri: 'http://[::1]:8080/jwks' };
    expect((await standard.http.put(path, loopback, service)).body).toEqual({
      companyId: company.id,
      ...loopback,
      createdAt: env.clock.now().toISOString(),
      updatedAt: env.clock.now().toISOString(),
    });
    env.clock.advance(60);
    const replaced = await standard.http.put(path, good, service);
    expect(replaced.body).toMatchObject({ ...good, updatedAt: env.clock.now().toISOString() });
    expect(replaced.body.createdAt).not.toBe(replaced.body.updatedAt);
    expect((await standard.http.get(path, service)).body).toEqual(replaced.body);
    expect((await standard.http.delete(path, service)).status).toBe(204);
    expect((await standard.http.get(path, service)).status).toBe(404);
    expect((await standard.http.delete(path, service)).status).toBe(404);
  });

  it('PAY-11 PAY-5 a payee admin of an SSO company presents an ID token, enrolls an app, gets Pay tokens, and proves it at the next sign-in', async () => {
    const { pay, provider, company } = await ssoCompany('payee');
    const user = await ssoUser(pay, company, ['payee_admin']);
    // DIR-5 still holds for passwords, on both products: the provider is the only way in.
    expect((await signIn(pay, user.email, 'any password at all')).body.code).toBe('sso_required');

    const first = await freshToken(provider, user.email);
    const started = await ssoSignIn(pay, first.idToken, first.nonce);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'mfa_enrollment_required', allowedFactorTypes: ['totp', 'sms'] });
    const { confirmed, phone } = await enrollTotp(pay, env.clock, started.body.mfaToken, {}, '/v1/pay/payee-admin/enrollments');
    expect(confirmed).toMatchObject({ recoveryCode: expect.any(String), accessToken: expect.any(String) });
    const session = await pay.http.get('/v1/pay/sessions/current', { token: confirmed.accessToken });
    expect(session.body).toMatchObject({ audience: 'pay', acr: 'aal2', amr: ['fed', 'otp'] });
    env.clock.advance(30);

    const second = await freshToken(provider, user.email);
    const again = await ssoSignIn(pay, second.idToken, second.nonce);
    expect(again.body).toMatchObject({ status: 'mfa_required', factors: [expect.objectContaining({ type: 'totp' })] });
    const challenge = await pay.http.post('/v1/pay/challenges', { factorId: again.body.factors[0].id }, { token: again.body.mfaToken });
    const verified = await pay.http.post(
      `/v1/pay/challenges/${challenge.body.challengeId}/verify`,
      { code: phone.code() },
      { token: again.body.mfaToken },
    );
    expect(verified.status).toBe(200);
    expect((await pay.http.get('/v1/pay/sessions/current', { token: verified.body.accessToken })).body.amr).toEqual(['fed', 'otp']);

    const { rows } = await env.db.query(
      `SELECT type, subject_user_id, company_id, data FROM audit_events WHERE type = 'sign_in.federated' ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        type: 'sign_in.federated',
        subject_user_id: user.id,
        company_id: company.id,
        data: { audience: 'pay', issuer: provider.issuer, subject: `idp-${user.email}` },
      },
      expect.objectContaining({ type: 'sign_in.federated', subject_user_id: user.id }),
    ]);
  });

  it('PAY-11 PAY-3 an SSO payor may enroll only an app; an exempt contributor gets aal1 tokens with amr ["fed"]', async () => {
    const { pay, provider, company } = await ssoCompany('payor');
    const payor = await ssoUser(pay, company, ['payments_disburser']);
    const payorToken = await freshToken(provider, payor.email);
    expect((await ssoSignIn(pay, payorToken.idToken, payorToken.nonce)).body).toMatchObject({
      status: 'mfa_enrollment_required',
      allowedFactorTypes: ['totp'],
    });

    const contributor = await ssoUser(pay, company, ['disbursement_contributor']);
    const contributorToken = await freshToken(provider, contributor.email);
    const signedIn = await ssoSignIn(pay, contributorToken.idToken, contributorToken.nonce);
    expect(signedIn.body).toMatchObject({ status: 'authenticated', accessToken: expect.any(String) });
    expect((await pay.http.get('/v1/pay/sessions/current', { token: signedIn.body.accessToken })).body).toMatchObject({
      acr: 'aal1',
      amr: ['fed'],
    });
  });

  it('PAY-11 forged, expired, wrong-audience, wrong-issuer, alg none, HS256-with-the-public-key and wrong-nonce tokens are refused, and audited', async () => {
    const { pay, provider, company } = await ssoCompany('payee');
    const user = await ssoUser(pay, company, ['payee_admin']);
    const impostor = await TestIdentityProvider.newKey();
    const nonce = randomUUID();
    const now = Math.floor(env.clock.now().getTime() / 1000);
    const cases: Array<[string, Promise<string>, string, string]> = [
      [
        'forged (a key the provider does not publish, under its kid)',
        provider.idToken(user.email, nonce, { key: impostor, kid: provider.currentKid }),
        'invalid_id_token',
        'signature',
      ],
      ['expired', provider.idToken(user.email, nonce, { claims: { iat: now - 400, exp: now - 31 } }), 'invalid_id_token', 'expired'],
      [
        'issued too long ago',
        provider.idToken(user.email, nonce, { claims: { iat: now - 660, exp: now + 3600 } }),
        'invalid_id_token',
        'expired',
      ],
      [
        'issued in the future',
        provider.idToken(user.email, nonce, { claims: { iat: now + 120, exp: now + 600 } }),
        'invalid_id_token',
        'claims',
      ],
      [
        'wrong audience',
        provider.idToken(user.email, nonce, { claims: { aud: 'another-client' } }),
        'unknown_provider',
        'unknown_provider',
      ],
      [
        'wrong issuer',
        provider.idToken(user.email, nonce, { claims: { iss: 'https://evil.example' } }),
        'unknown_provider',
        'unknown_provider',
      ],
      [
        'several audiences without azp',
        provider.idToken(user.email, nonce, { claims: { aud: [provider.clientId, 'other'] } }),
        'invalid_id_token',
        'claims',
      ],
      ['alg none', provider.unsignedToken(user.email, nonce), 'invalid_id_token', 'algorithm'],
      ['HS256 keyed with the public key', provider.hmacWithPublicKey(user.email, nonce), 'invalid_id_token', 'algorithm'],
      ['another nonce', provider.idToken(user.email, randomUUID()), 'invalid_id_token', 'nonce'],
      ['no nonce claim', provider.idToken(user.email, nonce, { claims: { nonce: undefined } }), 'invalid_id_token', 'claims'],
    ];
    for (const [name, token, code, reason] of cases) {
      const response = await ssoSignIn(pay, await token, nonce);
      expect({ name, status: response.status, code: response.body.code }).toEqual({ name, status: 401, code });
      const { rows } = await env.db.query(`SELECT data FROM audit_events WHERE type = 'sign_in.failed' ORDER BY id DESC LIMIT 1`);
      expect({ name, data: rows[0].data }).toEqual({
        name,
        data: expect.objectContaining({ audience: 'pay', firstFactor: 'fed', reason }),
      });
    }
    expect((await ssoSignIn(pay, 'not-a-jwt', nonce)).body.code).toBe('validation_failed');
    const valid = await freshToken(provider, user.email);
    expect((await pay.http.post('/v1/pay/sessions/sso', { idToken: valid.idToken })).body.code).toBe('validation_failed');
    const { rows } = await env.db.query(`SELECT count(*)::int AS sessions FROM sessions`);
    expect(rows).toEqual([{ sessions: 0 }]);
  });

  it('PAY-11 the provider must vouch for the email, and only for its own company’s SSO users', async () => {
    const { pay, provider, company } = await ssoCompany('payee');
    const user = await ssoUser(pay, company, ['payee_admin']);
    const unverified = await freshToken(provider, user.email, { claims: { email_verified: false } });
    expect(await ssoSignIn(pay, unverified.idToken, unverified.nonce)).toMatchObject({ status: 403, body: { code: 'email_not_verified' } });
    const silent = await freshToken(provider, user.email, { claims: { email_verified: undefined } });
    expect((await ssoSignIn(pay, silent.idToken, silent.nonce)).body.code).toBe('email_not_verified');

    // A member of this company whose email is not in its SSO domains, and a user of another company.
    const outsideDomain = await createUser(pay, { email: `consultant.${randomUUID().slice(0, 8)}@example.com` });
    await addMember(pay, company, outsideDomain, { role: 'admin', payRoles: ['payee_admin'] });
    const elsewhere = await createCompany(pay, { payKind: 'payee', ssoDomains: ['other-sso.example'] });
    const otherUser = await createUser(pay, { email: `ceo@other-sso.example`, password: undefined });
    await addMember(pay, elsewhere, otherUser, { role: 'admin', payRoles: ['payee_admin'] });
    for (const email of [outsideDomain.email, otherUser.email, `nobody@${SSO_DOMAIN}`]) {
      const token = await freshToken(provider, email);
      expect(await ssoSignIn(pay, token.idToken, token.nonce)).toMatchObject({ status: 401, body: { code: 'invalid_credentials' } });
    }
    const { rows } = await env.db.query(`SELECT count(*)::int AS sessions FROM pending_sign_ins`);
    expect(rows).toEqual([{ sessions: 0 }]);
  });

  it('PAY-11 an ID token signs in once: copies sent at once to two Pay instances give one sign-in', async () => {
    const { pay, provider, company } = await ssoCompany('payee');
    const second = await env.start('pay');
    const user = await ssoUser(pay, company, ['payee_admin']);
    const { idToken, nonce } = await freshToken(provider, user.email);
    const responses = await Promise.all(Array.from({ length: 8 }, (_, index) => ssoSignIn(index % 2 ? second : pay, idToken, nonce)));
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.body.code === 'invalid_id_token')).toHaveLength(7);
    const { rows } = await env.db.query(`SELECT count(*)::int AS opened FROM pending_sign_ins WHERE user_id = $1`, [user.id]);
    expect(rows).toEqual([{ opened: 1 }]);
    const replays = await env.db.query(`SELECT count(*)::int AS refused FROM audit_events WHERE data->>'reason' = 'replayed'`);
    expect(replays.rows).toEqual([{ refused: 7 }]);
  });

  it('PAY-11 key rotation at the provider is followed without a restart; made-up key ids cannot make Sitepass hammer the provider', async () => {
    const { pay, provider, company } = await ssoCompany('payee');
    const user = await ssoUser(pay, company, ['payee_admin']);
    const before = await freshToken(provider, user.email);
    expect((await ssoSignIn(pay, before.idToken, before.nonce)).status).toBe(200);
    expect(provider.jwksFetches).toBe(1);
    const oldKeyToken = await freshToken(provider, user.email);

    await provider.rotate();
    env.clock.advance(31);
    const after = await freshToken(provider, user.email);
    expect((await ssoSignIn(pay, after.idToken, after.nonce)).status).toBe(200);
    expect(provider.jwksFetches).toBe(2);
    // The old key is gone from the provider, so from Sitepass too; unknown kids right after a fetch fetch nothing.
    expect((await ssoSignIn(pay, oldKeyToken.idToken, oldKeyToken.nonce)).body.code).toBe('invalid_id_token');
    const flood = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const token = await freshToken(provider, user.email, { kid: randomUUID() });
        return ssoSignIn(pay, token.idToken, token.nonce);
      }),
    );
    expect(flood.every((response) => response.body.code === 'invalid_id_token')).toBe(true);
    expect(provider.jwksFetches).toBe(2);

    // Kept keys are fetched again after 10 minutes even without a rotation.
    env.clock.advance(601);
    const later = await freshToken(provider, user.email);
    expect((await ssoSignIn(pay, later.idToken, later.nonce)).status).toBe(200);
    expect(provider.jwksFetches).toBe(3);
  });

  it('PAY-11 a provider whose keys cannot be fetched gets 503 service_unavailable, not a 5xx crash or a sign-in', async () => {
    const { standard, pay, provider, company } = await ssoCompany('payee');
    const user = await ssoUser(pay, company, ['payee_admin']);
    await standard.http.put(
      `/internal/v1/companies/${company.id}/identity-provider`,
      { ...provider.settings, jwksUri: 'http://127.0.0.1:9/jwks.json' },
      service,
    );
    const { idToken, nonce } = await freshToken(provider, user.email);
    expect(await ssoSignIn(pay, idToken, nonce)).toMatchObject({ status: 503, body: { code: 'service_unavailable' } });
  });

  it('PAY-11 PAY-10 RESET-2 support resets an SSO payee admin through Pay; the next SSO sign-in enrolls again', async () => {
    const { standard, pay, provider, company } = await ssoCompany('payee');
    const user = await ssoUser(pay, company, ['payee_admin']);
    const first = await freshToken(provider, user.email);
    const started = (await ssoSignIn(pay, first.idToken, first.nonce)).body;
    await enrollTotp(pay, env.clock, started.mfaToken, {}, '/v1/pay/payee-admin/enrollments');
    const staff = await createEnrolledUser(standard, env.clock, { support: true });
    const staffToken = (await signInWithTotp(pay, staff)).verified.body.accessToken;
    const reset = await pay.http.post(
      `/v1/pay/companies/${company.id}/mfa-resets`,
      { email: user.email, identityVerified: true, identityCheckNote: 'Called back on the HR number' },
      { token: staffToken },
    );
    expect(reset).toMatchObject({ status: 201, body: { factorsRevoked: 1 } });
    const next = await freshToken(provider, user.email);
    expect((await ssoSignIn(pay, next.idToken, next.nonce)).body.status).toBe('mfa_enrollment_required');
  });

  it('PAY-11 DIR-5 the standard product keeps its SSO rule: no ID-token sign-in there', async () => {
    const standard = await env.standard();
    expect((await standard.http.post('/v1/sessions/sso', { idToken: 'a.b.c', nonce: 'n' })).status).toBe(404);
  });
});
