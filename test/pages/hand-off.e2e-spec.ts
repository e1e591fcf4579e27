import { HandOffGrant, HandOffService } from '@sitepass/auth';
import { createHash, randomBytes } from 'node:crypto';
import { createUser } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { authorize, createPayUser, enrollAtPaySignIn } from '../support/pay';
import { TEST_RETURN_URL } from '../support/test-config';

/** A PKCE pair as a product's back end makes it (RFC 7636, S256). */
function pkce() {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

describe('WEB-2 the hand-off of a hosted page flow to the product’s back end', () => {
  const env = useTestEnvironment();

  /** What the pages do at the end of a flow: a code for the grant, in the URL the browser is sent to. */
  async function handOff(app: RunningApp, grant: HandOffGrant, state = 'client-state-1') {
    const { codeVerifier, codeChallenge } = pkce();
    const location = new URL(await app.get(HandOffService).issue(grant, { returnTo: TEST_RETURN_URL, codeChallenge }, state));
    const code = location.searchParams.get('code')!;
    return { location, code, codeVerifier, body: { code, codeVerifier } };
  }

  function sessionGrant(userId: string, audience: 'standard' | 'pay' = 'standard'): HandOffGrant {
    return { kind: 'session', userId, audience, assurance: { acr: 'aal2', amr: ['pwd', 'otp'], mfaTime: env.clock.now() } };
  }

  it('WEB-2 a code and its verifier give the tokens of a new session with the flow’s assurance; the return URL carries code and state', async () => {
    const app = await env.standard();
    const user = await createUser(app);
    const { location, code, codeVerifier } = await handOff(app, sessionGrant(user.id));
    expect(`${location.origin}${location.pathname}`).toBe(TEST_RETURN_URL);
    expect(location.searchParams.get('state')).toBe('client-state-1');
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await env.db.query(`SELECT code_hash FROM authorization_codes`);
    expect(rows[0].code_hash).not.toBe(code);

    const exchanged = await app.http.post('/v1/sessions/exchange', { code, codeVerifier });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      tokenType: 'Bearer',
    });
    const current = await app.http.get('/v1/sessions/current', { token: exchanged.body.accessToken });
    expect(current.body).toMatchObject({ userId: user.id, audience: 'standard', acr: 'aal2', amr: ['pwd', 'otp'] });
    expect((await app.http.post('/v1/sessions/refresh', { refreshToken: exchanged.body.refreshToken })).status).toBe(200);
  });

  it('WEB-2 a code is spent once: copies exchanged at once on two instances open one session, and a later replay revokes it', async () => {
    const app = await env.standard();
    const second = await env.start('standard');
    const user = await createUser(app);
    const { code, codeVerifier } = await handOff(app, sessionGrant(user.id));
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) => (index % 2 ? second : app).http.post('/v1/sessions/exchange', { code, codeVerifier })),
    );
    const winners = answers.filter((answer) => answer.status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 400 && answer.body.code === 'invalid_grant')).toHaveLength(7);
    const token = winners[0]!.body.accessToken;
    // A replay once the exchange is over (the code leaked): the session it opened is revoked, on every instance.
    expect((await second.http.post('/v1/sessions/exchange', { code, codeVerifier })).body.code).toBe('invalid_grant');
    for (const instance of [app, second]) {
      expect((await instance.http.get('/v1/sessions/current', { token })).body.code).toBe('session_revoked');
    }
    const { rows } = await env.db.query(`SELECT count(*)::int AS sessions FROM sessions WHERE user_id = $1`, [user.id]);
    expect(rows).toEqual([{ sessions: 1 }]);
    const audited = await env.db.query(`SELECT count(*)::int AS replays FROM audit_events WHERE type = 'authorization_code.replayed'`);
    expect(audited.rows[0].replays).toBeGreaterThanOrEqual(1);
  });

  it('WEB-2 refused with 400 invalid_grant: a wrong verifier (which spends the code), an expired code, an unknown one, and another product’s', async () => {
    const app = await env.standard();
    const pay = await env.pay();
    const user = await createUser(app);

    const guessed = await handOff(app, sessionGrant(user.id));
    const wrong = await app.http.post('/v1/sessions/exchange', { code: guessed.code, codeVerifier: pkce().codeVerifier });
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 400, code: 'invalid_grant' });
    expect((await app.http.post('/v1/sessions/exchange', guessed.body)).body.code).toBe('invalid_grant');

    const late = await handOff(app, sessionGrant(user.id));
    env.clock.advance(60);
    expect((await app.http.post('/v1/sessions/exchange', late.body)).body.code).toBe('invalid_grant');

    const unknown = { code: randomBytes(32).toString('base64url'), codeVerifier: pkce().codeVerifier };
    expect((await app.http.post('/v1/sessions/exchange', unknown)).body.code).toBe('invalid_grant');

    const payCode = await handOff(pay, sessionGrant(user.id, 'pay'));
    expect((await app.http.post('/v1/sessions/exchange', payCode.body)).body.code).toBe('invalid_grant');
    expect((await app.http.post('/v1/sessions/exchange', { code: 'x', codeVerifier: 'short' })).body.code).toBe('validation_failed');
    const { rows } = await env.db.query(`SELECT count(*)::int AS sessions FROM sessions`);
    expect(rows).toEqual([{ sessions: 0 }]);
  });

  it('WEB-2 a flow may return only to a configured URL, with an S256 challenge', async () => {
    const app = await env.standard();
    const handOffs = app.get(HandOffService);
    const user = await createUser(app);
    expect(handOffs.allowsReturnTo(TEST_RETURN_URL)).toBe(true);
    for (const returnTo of [`${TEST_RETURN_URL}/../evil`, 'https://evil.example/sitepass/callback', `${TEST_RETURN_URL}?x=1`]) {
      expect(handOffs.allowsReturnTo(returnTo)).toBe(false);
      await expect(handOffs.issue(sessionGrant(user.id), { returnTo, codeChallenge: pkce().codeChallenge })).rejects.toMatchObject({
        code: 'validation_failed',
      });
    }
    await expect(
      handOffs.issue(sessionGrant(user.id), { returnTo: TEST_RETURN_URL, codeChallenge: 'plain-verifier' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('WEB-6 PAY-7 a step-up proved on a page is handed to the product’s own Pay session, and its token allows the operation once', async () => {
    const pay = await env.pay();
    const { user } = await createPayUser(pay, ['payments_disburser']);
    const disburser = await enrollAtPaySignIn(pay, env.clock, user);
    const grant: HandOffGrant = {
      kind: 'step_up',
      userId: user.id,
      audience: 'pay',
      assurance: { acr: 'aal2', amr: ['pwd', 'otp'], mfaTime: env.clock.now() },
      operation: 'disbursement.authorize',
    };
    const { code, codeVerifier } = await handOff(pay, grant);
    // Another user's session cannot take it, and that attempt spends the code.
    const standard = await env.standard();
    const stranger = await createEnrolledUser(standard, env.clock, { support: true });
    const strangerToken = (await signInWithTotp(pay, stranger)).verified.body.accessToken;
    expect((await pay.http.post('/v1/pay/step-ups/exchange', { code, codeVerifier }, { token: strangerToken })).body.code).toBe(
      'invalid_grant',
    );

    const fresh = await handOff(pay, grant);
    const exchanged = await pay.http.post(
      '/v1/pay/step-ups/exchange',
      { code: fresh.code, codeVerifier: fresh.codeVerifier },
      { token: disburser.accessToken },
    );
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toEqual({ stepUpToken: expect.any(String), operation: 'disbursement.authorize', expiresIn: 300 });
    expect((await authorize(pay, disburser.accessToken, 'disbursement.authorize', exchanged.body.stepUpToken)).body).toEqual({
      decision: 'allow',
    });
    expect((await authorize(pay, disburser.accessToken, 'disbursement.authorize', exchanged.body.stepUpToken)).body.code).toBe(
      'step_up_required',
    );
    // A session code is not a step-up code, nor the other way round.
    const sessionCode = await handOff(pay, sessionGrant(user.id, 'pay'));
    expect((await pay.http.post('/v1/pay/step-ups/exchange', sessionCode.body, { token: disburser.accessToken })).body.code).toBe(
      'invalid_grant',
    );
  });
});
