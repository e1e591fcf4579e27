import { DEMO_PASSWORD, seedDemoDirectory } from '../../apps/worker/src/commands/demo-directory';
import { signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { AuthenticatorApp } from '../support/mfa';

describe('journey: a demo user sets up an authenticator app', () => {
  const env = useTestEnvironment();

  it('TOTP-2 TOTP-3 LOGIN-4 REC-3 LOGIN-3 scans the QR code, saves the recovery code, signs out and signs in with the app', async () => {
    const app = await env.standard();
    await seedDemoDirectory({ get: app.get } as never);

    // Erin must use MFA: the first sign-in asks her to enroll.
    const first = await signIn(app, 'erin@acme.example', DEMO_PASSWORD);
    expect(first.body.status).toBe('mfa_enrollment_required');
    const started = await app.http.post('/v1/enrollments', { factorType: 'totp' }, { token: first.body.mfaToken });
    const phone = AuthenticatorApp.fromQrCode(started.body.totp.qrCodePngDataUrl, env.clock);
    const confirmed = await app.http.post(
      `/v1/enrollments/${started.body.enrollmentId}/confirm`,
      { code: phone.code() },
      { token: first.body.mfaToken },
    );
    expect(confirmed.body.status).toBe('authenticated');
    const savedRecoveryCode: string = confirmed.body.recoveryCode;

    expect((await app.http.delete('/v1/sessions/current', { token: confirmed.body.accessToken })).status).toBe(204);

    env.clock.advance(45);
    const again = await signIn(app, 'erin@acme.example', DEMO_PASSWORD);
    expect(again.body.status).toBe('mfa_required');
    const challenge = await app.http.post('/v1/challenges', { factorId: again.body.factors[0].id }, { token: again.body.mfaToken });
    const verified = await app.http.post(
      `/v1/challenges/${challenge.body.challengeId}/verify`,
      { code: phone.code() },
      { token: again.body.mfaToken },
    );
    expect(verified.body.status).toBe('authenticated');
    expect((await app.http.get('/v1/sessions/current', { token: verified.body.accessToken })).body.acr).toBe('aal2');

    // The phone is lost: the saved recovery code gets her in once and gives her a new one.
    const lost = await signIn(app, 'erin@acme.example', DEMO_PASSWORD);
    const recovered = await app.http.post('/v1/recovery-codes/redeem', { code: savedRecoveryCode }, { token: lost.body.mfaToken });
    expect(recovered.body).toMatchObject({ status: 'authenticated', reenrollmentRecommended: true });
    expect(recovered.body.recoveryCode).not.toBe(savedRecoveryCode);
  });
});
