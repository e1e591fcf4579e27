import { signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { decodeJwt } from '../support/jwt';

describe('recovery codes', () => {
  const env = useTestEnvironment();

  async function mfaToken(app: Awaited<ReturnType<typeof env.standard>>, email: string): Promise<string> {
    return (await signIn(app, email)).body.mfaToken;
  }

  it('REC-1 REC-2 issues one code at the first activation: 24 Crockford characters in groups of 4, stored only as a keyed hash', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    expect(user.recoveryCode).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}(-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}){5}$/);
    const { rows } = await env.db.query(`SELECT code_hash, redeemed_at, voided_at FROM recovery_codes`);
    expect(rows).toHaveLength(1);
    const plain = user.recoveryCode.replace(/-/g, '');
    expect(rows[0].code_hash).not.toContain(plain);
    expect(JSON.stringify(rows)).not.toContain(plain);
  });

  it('REC-3 redeeming the code completes the sign-in once, with amr rc, and returns a new code', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const redeemed = await app.http.post(
      '/v1/recovery-codes/redeem',
      { code: user.recoveryCode.toLowerCase().replace(/-/g, ' ') },
      { token: await mfaToken(app, user.email) },
    );
    expect(redeemed.status).toBe(200);
    expect(redeemed.body).toMatchObject({
      status: 'authenticated',
      reenrollmentRecommended: true,
      recoveryCode: expect.stringMatching(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/),
    });
    expect(redeemed.body.recoveryCode).not.toBe(user.recoveryCode);
    expect(decodeJwt(redeemed.body.accessToken).claims).toMatchObject({ acr: 'aal2', amr: ['pwd', 'rc'] });

    const reused = await app.http.post(
      '/v1/recovery-codes/redeem',
      { code: user.recoveryCode },
      { token: await mfaToken(app, user.email) },
    );
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'verification_failed', attemptsLeft: 9 });
    const replacement = await app.http.post(
      '/v1/recovery-codes/redeem',
      { code: redeemed.body.recoveryCode },
      { token: await mfaToken(app, user.email) },
    );
    expect(replacement.status).toBe(200);
  });

  it('REC-3 OPS-5 a code redeemed at once by many requests on two instances works exactly once', async () => {
    const app = await env.standard();
    const second = await env.start('standard');
    const user = await createEnrolledUser(app, env.clock);
    const tokens = await Promise.all(Array.from({ length: 6 }, () => mfaToken(app, user.email)));
    const responses = await Promise.all(
      tokens.map((token, index) =>
        (index % 2 ? second : app).http.post('/v1/recovery-codes/redeem', { code: user.recoveryCode }, { token }),
      ),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 422)).toHaveLength(5);
  });

  it('REC-2 a new code on request voids the earlier one', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const { accessToken } = (await signInWithTotp(app, user)).verified.body;
    const regenerated = await app.http.post(
      '/v1/recovery-codes',
      { currentPassword: 'correct horse battery staple' },
      { token: accessToken },
    );
    expect(regenerated.status).toBe(201);
    const old = await app.http.post('/v1/recovery-codes/redeem', { code: user.recoveryCode }, { token: await mfaToken(app, user.email) });
    expect(old.body.code).toBe('verification_failed');
    const fresh = await app.http.post(
      '/v1/recovery-codes/redeem',
      { code: regenerated.body.recoveryCode },
      { token: await mfaToken(app, user.email) },
    );
    expect(fresh.status).toBe(200);
    const live = await env.db.query(`SELECT count(*)::int AS n FROM recovery_codes WHERE redeemed_at IS NULL AND voided_at IS NULL`);
    expect(live.rows[0].n).toBe(1);
  });

  it('REC-3 redemption needs the mfaToken of a sign-in, not an access token', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const { accessToken } = (await signInWithTotp(app, user)).verified.body;
    const response = await app.http.post('/v1/recovery-codes/redeem', { code: user.recoveryCode }, { token: accessToken });
    expect(response.status).toBe(401);
  });
});
