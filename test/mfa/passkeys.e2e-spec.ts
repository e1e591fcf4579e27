import { User } from '@sitepass/database';
import { addMember, createCompany, PASSWORD, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { currentSession, enrollPasskey, newAuthenticator, PASSKEYS, passwordless, signInWithPasskey } from '../support/passkeys';
import { adminToken, createCompanyWithAdmin, setPolicy } from '../support/policy';
import { SoftAuthenticator } from '../support/soft-authenticator';

describe('passkeys', () => {
  const env = useTestEnvironment();

  /** A user with an authenticator app, signed in with it: a session fresh enough to add a passkey (POL-8). */
  async function signedInUser(app: Awaited<ReturnType<typeof env.start>>) {
    const user = await createEnrolledUser(app, env.clock);
    const { verified } = await signInWithTotp(app, user);
    return { user, accessToken: verified.body.accessToken as string };
  }

  it('PASSKEY-1 PASSKEY-2 PASSKEY-5 registers several named passkeys in self-service, none made twice', async () => {
    const app = await env.start('standard', PASSKEYS);
    const { user, accessToken } = await signedInUser(app);
    const laptop = newAuthenticator();

    const first = await enrollPasskey(app, accessToken, laptop, { name: 'Laptop', currentPassword: PASSWORD });
    expect(first.started).toMatchObject({ factorType: 'webauthn', replacesFactorId: null, webauthn: { name: 'Laptop' } });
    const options = first.started.webauthn.publicKey;
    expect(options).toMatchObject({
      rp: { id: 'sitepass.test', name: 'Sitepass' },
      user: { name: user.email },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      timeout: 300_000,
    });
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The enrollment lapses with its ceremony: 5 minutes.
    expect(new Date(first.started.expiresAt).getTime() - env.clock.now().getTime()).toBe(5 * 60 * 1000);
    expect(first.confirmed.status).toBe(200);
    expect(first.confirmed.body.factor).toEqual({ id: expect.any(String), type: 'webauthn', name: 'Laptop' });
    // Not a first factor: no new recovery code.
    expect(first.confirmed.body.recoveryCode).toBeUndefined();

    const phone = newAuthenticator({ synced: true });
    const second = await enrollPasskey(app, accessToken, phone, { name: 'Phone', currentPassword: PASSWORD });
    expect(second.started.webauthn.publicKey.excludeCredentials).toEqual([
      expect.objectContaining({ id: laptop.credentials[0]!.id, type: 'public-key' }),
    ]);
    expect(second.confirmed.status).toBe(200);

    const overview = (await app.http.get('/v1/me/mfa', { token: accessToken })).body;
    expect(overview.allowedFactorTypes).toEqual(['totp', 'sms', 'webauthn']);
    const listed = overview.factors.filter((factor: { type: string }) => factor.type === 'webauthn');
    expect(listed.map((factor: { name: string }) => factor.name).sort()).toEqual(['Laptop', 'Phone']);
    const { rows } = await env.db.query(
      `SELECT c.credential_id, c.sign_count, c.transports, c.device_type, c.backed_up, f.status
       FROM webauthn_credentials c JOIN factors f ON f.id = c.factor_id WHERE c.user_id = $1 ORDER BY c.created_at, f.name`,
      [user.userId],
    );
    expect(rows).toEqual([
      {
        credential_id: laptop.credentials[0]!.id,
        sign_count: '0',
        transports: ['internal'],
        device_type: 'singleDevice',
        backed_up: false,
        status: 'active',
      },
      {
        credential_id: phone.credentials[0]!.id,
        sign_count: '0',
        transports: ['internal'],
        device_type: 'multiDevice',
        backed_up: true,
        status: 'active',
      },
    ]);
  });

  it('PASSKEY-1 refuses a registration from another origin, and one answered to another challenge', async () => {
    const app = await env.start('standard', PASSKEYS);
    const { accessToken } = await signedInUser(app);
    const started = await app.http.post('/v1/enrollments', { factorType: 'webauthn', currentPassword: PASSWORD }, { token: accessToken });
    const phishing = new SoftAuthenticator({ origin: 'https://sitepass-test.evil.example', rpId: 'sitepass.test' });
    const wrongOrigin = await app.http.post(
      `/v1/enrollments/${started.body.enrollmentId}/confirm`,
      { credential: phishing.register(started.body.webauthn.publicKey) },
      { token: accessToken },
    );
    expect(wrongOrigin.status).toBe(422);
    expect(wrongOrigin.body).toMatchObject({ code: 'verification_failed' });
    const otherChallenge = newAuthenticator().register({ ...started.body.webauthn.publicKey, challenge: 'A'.repeat(43) });
    const refused = await app.http.post(
      `/v1/enrollments/${started.body.enrollmentId}/confirm`,
      { credential: otherChallenge },
      { token: accessToken },
    );
    expect(refused.body.code).toBe('verification_failed');
    const malformed = await app.http.post(
      `/v1/enrollments/${started.body.enrollmentId}/confirm`,
      { credential: { id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON: '!!', attestationObject: 12 } } },
      { token: accessToken },
    );
    expect(malformed.body.code).toBe('verification_failed');
    const notACredential = await app.http.post(
      `/v1/enrollments/${started.body.enrollmentId}/confirm`,
      { credential: { id: 'x', type: 'password' } },
      { token: accessToken },
    );
    expect(notACredential.status).toBe(400);
    expect(notACredential.body.code).toBe('validation_failed');
    expect(notACredential.body.errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(['credential.rawId', 'credential.type', 'credential.response']),
    );
  });

  it('PASSKEY-3 proves the second factor after the password: amr pwd and hwk, or swk for a synced passkey', async () => {
    const app = await env.start('standard', PASSKEYS);
    const { user, accessToken } = await signedInUser(app);
    const laptop = newAuthenticator();
    const phone = newAuthenticator({ synced: true });
    const laptopFactor = (await enrollPasskey(app, accessToken, laptop, { name: 'Laptop', currentPassword: PASSWORD })).confirmed.body
      .factor;
    const phoneFactor = (await enrollPasskey(app, accessToken, phone, { name: 'Phone', currentPassword: PASSWORD })).confirmed.body.factor;

    const { first, challenge, verified } = await signInWithPasskey(app, user.email, laptop, laptopFactor.id);
    expect(first.factors).toEqual(expect.arrayContaining([{ id: laptopFactor.id, type: 'webauthn', name: 'Laptop' }]));
    expect(challenge).toMatchObject({
      factorType: 'webauthn',
      webauthn: { publicKey: { rpId: 'sitepass.test', userVerification: 'preferred' } },
    });
    expect(challenge.webauthn.publicKey.allowCredentials).toEqual([expect.objectContaining({ id: laptop.credentials[0]!.id })]);
    expect(new Date(challenge.expiresAt).getTime() - env.clock.now().getTime()).toBe(5 * 60 * 1000);
    expect(verified.status).toBe(200);
    expect(await currentSession(app, verified.body.accessToken)).toMatchObject({ acr: 'aal2', amr: ['pwd', 'hwk'] });

    const synced = await signInWithPasskey(app, user.email, phone, phoneFactor.id);
    expect(await currentSession(app, synced.verified.body.accessToken)).toMatchObject({ acr: 'aal2', amr: ['pwd', 'swk'] });

    // The laptop's passkey does not answer for the phone's factor.
    const first2 = await signIn(app, user.email);
    const crossed = await app.http.post('/v1/challenges', { factorId: phoneFactor.id }, { token: first2.body.mfaToken });
    const wrongKey = await app.http.post(
      `/v1/challenges/${crossed.body.challengeId}/verify`,
      { credential: laptop.authenticate({ ...crossed.body.webauthn.publicKey, allowCredentials: [] }) },
      { token: first2.body.mfaToken },
    );
    expect(wrongKey.body.code).toBe('verification_failed');
  });

  it('PASSKEY-1 a passkey challenge is single-use and lasts 5 minutes, also for 8 answers at once on two instances', async () => {
    const [one, two] = await Promise.all([env.start('standard', PASSKEYS), env.start('standard', PASSKEYS)]);
    const { user, accessToken } = await signedInUser(one);
    const laptop = newAuthenticator();
    const factor = (await enrollPasskey(one, accessToken, laptop, { currentPassword: PASSWORD })).confirmed.body.factor;

    const first = await signIn(one, user.email);
    const challenge = await one.http.post('/v1/challenges', { factorId: factor.id }, { token: first.body.mfaToken });
    const credential = laptop.authenticate(challenge.body.webauthn.publicKey);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 ? two : one).http.post(
          `/v1/challenges/${challenge.body.challengeId}/verify`,
          { credential },
          { token: first.body.mfaToken },
        ),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.every((answer) => answer.status < 500)).toBe(true);

    const late = await signIn(one, user.email);
    const expiring = await one.http.post('/v1/challenges', { factorId: factor.id }, { token: late.body.mfaToken });
    const signed = laptop.authenticate(expiring.body.webauthn.publicKey);
    env.clock.advance(5 * 60 + 1);
    const expired = await one.http.post(
      `/v1/challenges/${expiring.body.challengeId}/verify`,
      { credential: signed },
      { token: late.body.mfaToken },
    );
    expect(expired.body.code).toBe('challenge_expired');
  });

  it('PASSKEY-1 a cloned passkey whose counter goes backwards is refused and audited', async () => {
    const app = await env.start('standard', PASSKEYS);
    const { user, accessToken } = await signedInUser(app);
    const laptop = newAuthenticator();
    const factor = (await enrollPasskey(app, accessToken, laptop, { currentPassword: PASSWORD })).confirmed.body.factor;
    const copy = laptop.clone();
    expect((await signInWithPasskey(app, user.email, laptop, factor.id)).verified.status).toBe(200);
    expect((await signInWithPasskey(app, user.email, laptop, factor.id)).verified.status).toBe(200);

    // The copy still counts from where the laptop was when it was copied: 1, below the 2 seen.
    const cloned = await signInWithPasskey(app, user.email, copy, factor.id);
    expect(cloned.verified.status).toBe(422);
    expect(cloned.verified.body).toMatchObject({ code: 'verification_failed', message: expect.stringMatching(/copied/) });
    const { rows } = await env.db.query(`SELECT data FROM audit_events WHERE type = 'factor.clone_suspected' AND subject_user_id = $1`, [
      user.userId,
    ]);
    expect(rows).toEqual([{ data: { factorId: factor.id, factorType: 'webauthn', storedCounter: 2, presentedCounter: 1 } }]);
    // The refusal counts as a failed attempt, like a wrong code.
    const failures = await env.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE type = 'mfa.failed' AND subject_user_id = $1`, [
      user.userId,
    ]);
    expect(failures.rows[0].n).toBe(1);
    // The passwordless way refuses it too.
    const copyAlone = await passwordless(app, copy);
    const refused = await copyAlone.answer();
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/copied/);
    expect((await env.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE type = 'factor.clone_suspected'`)).rows[0].n).toBe(2);
  });

  it('PASSKEY-3 passwordless: a discoverable passkey with user verification is aal2 on its own', async () => {
    const app = await env.start('standard', PASSKEYS);
    const { user, accessToken } = await signedInUser(app);
    const laptop = newAuthenticator();
    await enrollPasskey(app, accessToken, laptop, { currentPassword: PASSWORD });

    const { ceremony, answer } = await passwordless(app, laptop);
    expect(ceremony.publicKey).toMatchObject({ rpId: 'sitepass.test', userVerification: 'required', allowCredentials: [] });
    const signedIn = await answer();
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ status: 'authenticated', accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect(await currentSession(app, signedIn.body.accessToken)).toMatchObject({ acr: 'aal2', amr: ['hwk', 'mfa'] });
    const { rows } = await env.db.query(
      `SELECT data FROM audit_events WHERE type = 'sign_in.succeeded' AND subject_user_id = $1 ORDER BY id DESC LIMIT 1`,
      [user.userId],
    );
    expect(rows[0].data).toMatchObject({ via: 'passkey', acr: 'aal2', amr: ['hwk', 'mfa'] });

    // Without user verification a passkey is one factor: refused.
    const unverified = await passwordless(app, laptop, { userVerification: false });
    expect((await unverified.answer()).body.code).toBe('verification_failed');
    // A passkey this service never registered (made for our RP ID elsewhere) names no one here.
    const stranger = newAuthenticator();
    stranger.register({ challenge: 'AAAA', user: { id: 'c29tZW9uZQ' } });
    const unknown = await (await passwordless(app, stranger)).answer();
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('invalid_credentials');
    // A phishing page's origin.
    const phished = await (await passwordless(app, laptop, { origin: 'https://sitepass-test.evil.example' })).answer();
    expect(phished.body.code).toBe('verification_failed');
    const reasons = await env.db.query(
      `SELECT data->>'reason' AS reason FROM audit_events WHERE type = 'sign_in.failed' AND data->>'firstFactor' = 'passkey' ORDER BY id`,
    );
    expect(reasons.rows.map((row) => row.reason)).toEqual(['passkey_refused', 'unknown_passkey', 'passkey_refused']);
  });

  it('PASSKEY-3 a passwordless ceremony is single-use and lasts 5 minutes, also for 8 answers at once on two instances', async () => {
    const [one, two] = await Promise.all([env.start('standard', PASSKEYS), env.start('standard', PASSKEYS)]);
    const { accessToken } = await signedInUser(one);
    const laptop = newAuthenticator();
    await enrollPasskey(one, accessToken, laptop, { currentPassword: PASSWORD });
    const { ceremony, credential } = await passwordless(one, laptop);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 ? two : one).http.post('/v1/sessions/passkey', { ceremonyId: ceremony.ceremonyId, credential }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422, 422, 422, 422, 422, 422, 422]);
    expect(answers.filter((answer) => answer.status === 422).every((answer) => answer.body.code === 'challenge_expired')).toBe(true);
    const { rows } = await env.db.query(`SELECT count(*)::int AS n FROM sessions WHERE amr @> ARRAY['mfa']`);
    expect(rows[0].n).toBe(1);

    const late = await passwordless(one, laptop);
    env.clock.advance(5 * 60 + 1);
    expect((await late.answer()).body.code).toBe('challenge_expired');
  });

  it('PASSKEY-3 passwordless is refused where the company policy says passwordlessAllowed: false, and for SSO users', async () => {
    const app = await env.start('standard', PASSKEYS);
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, admin);
    const saved = await setPolicy(app, token, company.id, { required: false, enforcementDate: '2026-03-02', timeZone: 'UTC' });
    expect(saved.passwordlessAllowed).toBe(true);
    const laptop = newAuthenticator();
    await enrollPasskey(app, token, laptop, { currentPassword: PASSWORD });
    expect((await (await passwordless(app, laptop)).answer()).status).toBe(200);

    const forbidden = await app.http.put(
      `/v1/companies/${company.id}/mfa-policy`,
      { required: false, enforcementDate: '2026-03-02', timeZone: 'UTC', passwordlessAllowed: false },
      { token },
    );
    expect(forbidden.status).toBe(200);
    expect(forbidden.body.passwordlessAllowed).toBe(false);
    const refused = await (await passwordless(app, laptop)).answer();
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('passwordless_not_allowed');
    // A save that leaves the flag out keeps it; the password and the passkey together still sign in.
    const kept = await setPolicy(app, token, company.id, { required: false, enforcementDate: '2026-03-02', timeZone: 'UTC' });
    expect(kept.passwordlessAllowed).toBe(false);
    const factor = (await app.http.get('/v1/me/mfa', { token })).body.factors.find(
      (candidate: { type: string }) => candidate.type === 'webauthn',
    );
    expect((await signInWithPasskey(app, admin.email, laptop, factor.id)).verified.status).toBe(200);
    const audit = await env.db.query(`SELECT data FROM audit_events WHERE type = 'policy.changed' ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0].data.after).toMatchObject({ passwordlessAllowed: false });

    // A member of a company with an identity provider signs in there, not with a passkey alone (DIR-5).
    const sam = await createEnrolledUser(app, env.clock, { email: 'sam@sso.example' });
    const samKey = newAuthenticator();
    await enrollPasskey(app, (await signInWithTotp(app, sam)).verified.body.accessToken, samKey, { currentPassword: PASSWORD });
    expect((await (await passwordless(app, samKey)).answer()).status).toBe(200);
    await addMember(app, await createCompany(app, { ssoDomains: ['sso.example'] }), { id: sam.userId } as User);
    const sso = await (await passwordless(app, samKey)).answer();
    expect(sso.status).toBe(403);
    expect(sso.body.code).toBe('sso_required');
  });

  it('SEC-2 PASSKEY-5 malformed passkey answers get a clear 4xx from every ceremony endpoint, never a 5xx', async () => {
    const app = await env.start('standard', PASSKEYS);
    const { user, accessToken } = await signedInUser(app);
    const laptop = newAuthenticator();
    const factor = (await enrollPasskey(app, accessToken, laptop, { currentPassword: PASSWORD })).confirmed.body.factor;
    const good = laptop.authenticate({ challenge: 'AAAA', rpId: 'sitepass.test' });
    const credentials: unknown[] = [
      null,
      'text',
      [],
      {},
      { ...good, response: 'nope' },
      { ...good, response: { ...good.response, clientDataJSON: 42 } },
      { ...good, response: { ...good.response, userHandle: { a: 1 } } },
      { ...good, response: { ...good.response, authenticatorData: '%%%' } },
      { ...good, response: { ...good.response, signature: '' } },
      { ...good, id: 'x'.repeat(5000) },
      { ...good, type: 'password' },
      { ...good, clientExtensionResults: 'x' },
    ];
    const first = await signIn(app, user.email);
    const challenge = await app.http.post('/v1/challenges', { factorId: factor.id }, { token: first.body.mfaToken });
    const started = await app.http.post('/v1/enrollments', { factorType: 'webauthn', currentPassword: PASSWORD }, { token: accessToken });
    const statuses: number[] = [];
    for (const credential of credentials) {
      const ceremony = await app.http.post('/v1/sessions/passkey-ceremonies', {});
      const answers = await Promise.all([
        app.http.post('/v1/sessions/passkey', { ceremonyId: ceremony.body.ceremonyId, credential }),
        app.http.post(`/v1/challenges/${challenge.body.challengeId}/verify`, { credential }, { token: first.body.mfaToken }),
        app.http.post(`/v1/enrollments/${started.body.enrollmentId}/confirm`, { credential }, { token: accessToken }),
      ]);
      for (const answer of answers) {
        statuses.push(answer.status);
        expect(answer.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }
    }
    expect(statuses.every((status) => status >= 400 && status < 500)).toBe(true);
    expect(await env.db.query(`SELECT 1 FROM sessions WHERE amr @> ARRAY['mfa']`)).toMatchObject({ rowCount: 0 });
  });

  it('PASSKEY-3 SEC-5 each passwordless answer is a sign-in attempt of its client; asking for a ceremony is not', async () => {
    const app = await env.start('standard', { ...PASSKEYS, TRUSTED_PROXIES: 'loopback', LOGIN_MAX_ATTEMPTS_PER_IP: '3' });
    const { accessToken } = await signedInUser(app);
    const laptop = newAuthenticator();
    await enrollPasskey(app, accessToken, laptop, { currentPassword: PASSWORD });
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const ceremonies = await Promise.all(
      Array.from({ length: 6 }, () => app.http.post('/v1/sessions/passkey-ceremonies', {}, { headers })),
    );
    expect(ceremonies.map((ceremony) => ceremony.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const answers = [];
    for (const ceremony of ceremonies.slice(0, 4)) {
      const credential = laptop.authenticate(ceremony.body.publicKey);
      answers.push(await app.http.post('/v1/sessions/passkey', { ceremonyId: ceremony.body.ceremonyId, credential }, { headers }));
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers[3]!.body.code).toBe('too_many_attempts');
  });
});
