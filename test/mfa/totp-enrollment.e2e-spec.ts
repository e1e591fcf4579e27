import { createUser, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { AuthenticatorApp, createEnrolledUser, enrollTotp, signInWithTotp } from '../support/mfa';
import { base32Decode, decodeQrDataUrl, parseOtpAuthUri } from '../support/totp';

describe('authenticator app enrollment', () => {
  const env = useTestEnvironment();

  async function enrollmentStarted() {
    const app = await env.standard();
    const user = await createUser(app, { alwaysRequireMfa: true, email: 'dora@example.com' });
    const { mfaToken } = (await signIn(app, user.email)).body;
    const started = await app.http.post('/v1/enrollments', { factorType: 'totp' }, { token: mfaToken });
    expect(started.status).toBe(201);
    return { app, user, mfaToken, started: started.body };
  }

  it('TOTP-1 TOTP-2 returns a 160-bit base32 secret, grouped by 4, and the exact otpauth URI', async () => {
    const { started } = await enrollmentStarted();
    const { secret, secretGrouped, otpauthUri } = started.totp;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(secretGrouped).toBe(secret.match(/.{4}/g).join(' '));
    expect(otpauthUri).toBe(
      `otpauth://totp/Sitepass:dora%40example.com?secret=${secret}&issuer=Sitepass&algorithm=SHA1&digits=6&period=30`,
    );
    const parsed = parseOtpAuthUri(otpauthUri);
    expect(parsed).toMatchObject({ issuer: 'Sitepass', account: 'dora@example.com', secret });
  });

  it('TOTP-2 renders a QR code that a camera decodes to exactly the URI, as PNG and as SVG', async () => {
    const { started } = await enrollmentStarted();
    expect(started.totp.qrCodePngDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(decodeQrDataUrl(started.totp.qrCodePngDataUrl)).toBe(started.totp.otpauthUri);
    expect(started.totp.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('TOTP-2 uses the configured issuer name', async () => {
    const app = await env.start('standard', { TOTP_ISSUER: 'Acme Build Co' });
    const user = await createUser(app, { alwaysRequireMfa: true });
    const { mfaToken } = (await signIn(app, user.email)).body;
    const started = await app.http.post('/v1/enrollments', { factorType: 'totp' }, { token: mfaToken });
    expect(parseOtpAuthUri(started.body.totp.otpauthUri).issuer).toBe('Acme Build Co');
    expect(started.body.totp.otpauthUri).toContain('issuer=Acme%20Build%20Co');
  });

  it('TOTP-3 activates the factor only with a valid current code', async () => {
    const { app, mfaToken, started } = await enrollmentStarted();
    const phone = AuthenticatorApp.fromQrCode(started.totp.qrCodePngDataUrl, env.clock);
    const wrong = await app.http.post(`/v1/enrollments/${started.enrollmentId}/confirm`, { code: phone.wrongCode() }, { token: mfaToken });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('verification_failed');
    expect((await env.db.query(`SELECT status FROM factors`)).rows).toEqual([{ status: 'pending' }]);
    const right = await app.http.post(`/v1/enrollments/${started.enrollmentId}/confirm`, { code: phone.code() }, { token: mfaToken });
    expect(right.status).toBe(200);
    expect(right.body.factor).toEqual({ id: started.enrollmentId, type: 'totp' });
    expect((await env.db.query(`SELECT status FROM factors`)).rows).toEqual([{ status: 'active' }]);
  });

  it('TOTP-3 lets a pending enrollment expire after 15 minutes', async () => {
    const { app, started } = await enrollmentStarted();
    const phone = AuthenticatorApp.fromUri(started.totp.otpauthUri, env.clock);
    const user = await createUser(app);
    const session = (await signIn(app, user.email)).body;
    expect(session.status).toBe('authenticated');
    env.clock.advance(15 * 60);
    // The mfaToken (10 minutes) has lapsed too; a fresh sign-in finds the enrollment expired.
    const { mfaToken } = (await signIn(app, 'dora@example.com')).body;
    const late = await app.http.post(`/v1/enrollments/${started.enrollmentId}/confirm`, { code: phone.code() }, { token: mfaToken });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('enrollment_expired');
  });

  it('TOTP-5 REC-2 keeps the old app working until the new one is confirmed, then revokes it and issues a new recovery code', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const { verified } = await signInWithTotp(app, user);
    const accessToken = verified.body.accessToken;
    const started = await app.http.post(
      '/v1/enrollments',
      { factorType: 'totp', currentPassword: 'correct horse battery staple' },
      { token: accessToken },
    );
    expect(started.status).toBe(201);
    expect(started.body.replacesFactorId).toBe(user.factorId);
    const newPhone = AuthenticatorApp.fromUri(started.body.totp.otpauthUri, env.clock);

    env.clock.advance(30);
    // Before confirmation the old app still signs in.
    expect((await signInWithTotp(app, user)).verified.status).toBe(200);
    env.clock.advance(30);
    const confirmed = await app.http.post(
      `/v1/enrollments/${started.body.enrollmentId}/confirm`,
      { code: newPhone.code() },
      { token: accessToken },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCode).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    expect(confirmed.body.recoveryCode).not.toBe(user.recoveryCode);

    const factors = await env.db.query(`SELECT id, status, revoked_reason FROM factors ORDER BY created_at`);
    expect(factors.rows).toEqual([
      { id: user.factorId, status: 'revoked', revoked_reason: 'replaced' },
      { id: started.body.enrollmentId, status: 'active', revoked_reason: null },
    ]);
    env.clock.advance(30);
    const withOld = await signInWithTotp(app, user);
    expect(withOld.first.factors).toEqual([{ id: started.body.enrollmentId, type: 'totp' }]);
    expect(withOld.verified.body.code).toBe('verification_failed');
    const withNew = await signInWithTotp(app, { email: user.email, app: newPhone });
    expect(withNew.verified.status).toBe(200);
    const oldRecovery = await app.http.post(
      '/v1/recovery-codes/redeem',
      { code: user.recoveryCode },
      { token: (await signIn(app, user.email)).body.mfaToken },
    );
    expect(oldRecovery.body.code).toBe('verification_failed');
  });

  it('TOTP-6 SEC-1 stores the secret encrypted under a key id, never in plaintext', async () => {
    const app = await env.standard();
    const { started } = await enrollmentStarted();
    const { rows } = await env.db.query(`SELECT secret_ciphertext, secret_key_id FROM factors`);
    expect(rows[0].secret_key_id).toBe('test1');
    expect(rows[0].secret_ciphertext).not.toContain(started.totp.secret);
    const dump = JSON.stringify((await env.db.query(`SELECT * FROM factors`)).rows);
    expect(dump).not.toContain(started.totp.secret);
    expect(Buffer.from(rows[0].secret_ciphertext, 'base64').length).toBe(12 + 16 + 32);
    expect(app).toBeDefined();
  });

  it('LOGIN-4 enrolling inside a forced sign-in completes it and returns the recovery code to save', async () => {
    const app = await env.standard();
    const user = await createUser(app, { alwaysRequireMfa: true });
    const first = await signIn(app, user.email);
    expect(first.body).toEqual({
      status: 'mfa_enrollment_required',
      mfaToken: expect.any(String),
      expiresIn: 600,
      allowedFactorTypes: ['totp', 'sms'],
    });
    const { confirmed } = await enrollTotp(app, env.clock, first.body.mfaToken);
    expect(confirmed).toMatchObject({
      factor: { type: 'totp' },
      recoveryCode: expect.stringMatching(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/),
      status: 'authenticated',
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    const current = await app.http.get('/v1/sessions/current', { token: confirmed.accessToken });
    expect(current.body).toMatchObject({ acr: 'aal2', amr: ['pwd', 'otp'] });
  });
});
