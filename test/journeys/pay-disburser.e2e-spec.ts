import { DEMO_PASSWORD, seedDemoDirectory } from '../../apps/worker/src/commands/demo-directory';
import { signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { AuthenticatorApp } from '../support/mfa';
import { authorize } from '../support/pay';

describe('journey: a payments disburser in Pay', () => {
  const env = useTestEnvironment();

  it('PAY-2 PAY-3 PAY-5 PAY-6 PAY-7 enrolls an app (not SMS), signs in with a code, and authorizes a disbursement only after a step-up', async () => {
    const pay = await env.pay();
    await seedDemoDirectory({ get: pay.get } as never);

    const first = await signIn(pay, 'pat@northwind.example', DEMO_PASSWORD);
    expect(first.body).toMatchObject({ status: 'mfa_enrollment_required', allowedFactorTypes: ['totp'] });
    const sms = await pay.http.post(
      '/v1/pay/payor/enrollments',
      { factorType: 'sms', phoneNumber: '+14155550123' },
      { token: first.body.mfaToken },
    );
    expect(sms.body.code).toBe('factor_type_not_allowed');
    const started = await pay.http.post('/v1/pay/payor/enrollments', { factorType: 'totp' }, { token: first.body.mfaToken });
    const phone = AuthenticatorApp.fromQrCode(started.body.totp.qrCodePngDataUrl, env.clock);
    const confirmed = await pay.http.post(
      `/v1/pay/payor/enrollments/${started.body.enrollmentId}/confirm`,
      { code: phone.code() },
      { token: first.body.mfaToken },
    );
    expect(confirmed.body).toMatchObject({ status: 'authenticated', recoveryCode: expect.any(String) });
    await pay.http.delete('/v1/pay/sessions/current', { token: confirmed.body.accessToken });

    env.clock.advance(60);
    const again = await signIn(pay, 'pat@northwind.example', DEMO_PASSWORD);
    const challenge = await pay.http.post('/v1/pay/challenges', { factorId: again.body.factors[0].id }, { token: again.body.mfaToken });
    const session = (
      await pay.http.post(`/v1/pay/challenges/${challenge.body.challengeId}/verify`, { code: phone.code() }, { token: again.body.mfaToken })
    ).body;
    expect(session.status).toBe('authenticated');

    expect((await authorize(pay, session.accessToken, 'disbursement.authorize')).body.code).toBe('step_up_required');
    env.clock.advance(30);
    const stepUp = await pay.http.post(
      '/v1/pay/step-ups',
      { operation: 'disbursement.authorize', factorId: again.body.factors[0].id },
      { token: session.accessToken },
    );
    const { stepUpToken } = (
      await pay.http.post(`/v1/pay/step-ups/${stepUp.body.challengeId}/verify`, { code: phone.code() }, { token: session.accessToken })
    ).body;
    expect((await authorize(pay, session.accessToken, 'funding_account.change', stepUpToken)).body.code).toBe('role_not_permitted');
    expect((await authorize(pay, session.accessToken, 'disbursement.authorize', stepUpToken)).body).toEqual({ decision: 'allow' });
    expect((await authorize(pay, session.accessToken, 'disbursement.authorize', stepUpToken)).body.code).toBe('step_up_required');

    const contributor = await signIn(pay, 'dana@northwind.example', DEMO_PASSWORD);
    expect(contributor.body.status).toBe('authenticated');
    expect((await authorize(pay, contributor.body.accessToken, 'disbursement.authorize')).body.code).toBe('role_not_permitted');
  });
});
