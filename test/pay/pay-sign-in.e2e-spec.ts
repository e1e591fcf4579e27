import { addMember, PASSWORD, signIn } from '../support/factories';
import { eventually, FakeTwilio } from '../support/fake-twilio';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp, twilioWorkerEnv } from '../support/mfa';
import { decodeJwt } from '../support/jwt';
import { createPayUser, enrollAtPaySignIn } from '../support/pay';

describe('Pay sign-in and enrollment', () => {
  const env = useTestEnvironment();

  it('PAY-2 requires MFA at Pay sign-in for every MFA-required role, with no company policy at all', async () => {
    const pay = await env.pay();
    for (const role of ['payments_admin', 'payments_disburser', 'payments_beneficiary_approver', 'payee_admin'] as const) {
      const { user } = await createPayUser(pay, [role]);
      const response = await signIn(pay, user.email);
      expect([role, response.body.status]).toEqual([role, 'mfa_enrollment_required']);
    }
  });

  it('PAY-2 a disbursement contributor is exempt and gets an aal1 token', async () => {
    const pay = await env.pay();
    const { user } = await createPayUser(pay, ['disbursement_contributor']);
    const response = await signIn(pay, user.email);
    expect(response.body.status).toBe('authenticated');
    expect(decodeJwt(response.body.accessToken).claims).toMatchObject({ aud: 'pay', acr: 'aal1', amr: ['pwd'] });
  });

  it('PAY-2 PAY-4 asks an enrolled payor for MFA at every Pay sign-in and trusts no device', async () => {
    const pay = await env.pay();
    const { user } = await createPayUser(pay, ['payments_disburser']);
    const enrolled = await enrollAtPaySignIn(pay, env.clock, user);
    const { verified } = await signInWithTotp(pay, enrolled);
    expect(verified.status).toBe(200);
    expect(verified.body.deviceToken).toBeUndefined();
    expect(decodeJwt(verified.body.accessToken).claims).toMatchObject({ aud: 'pay', acr: 'aal2', amr: ['pwd', 'otp'] });
    const standard = await env.standard();
    const standardDevice = (await signInWithTotp(standard, enrolled)).verified.body.deviceToken;
    expect((await signIn(pay, user.email, PASSWORD, { deviceToken: standardDevice })).body.status).toBe('mfa_required');
  });

  it('PAY-3 PAY-5 a payor enrolls an authenticator app only: SMS is refused with a clear error', async () => {
    const pay = await env.pay();
    const { user } = await createPayUser(pay, ['payments_disburser']);
    const first = await signIn(pay, user.email);
    expect(first.body.allowedFactorTypes).toEqual(['totp']);
    const sms = await pay.http.post(
      '/v1/pay/payor/enrollments',
      { factorType: 'sms', phoneNumber: '+14155550123' },
      { token: first.body.mfaToken },
    );
    expect(sms.status).toBe(422);
    expect(sms.body).toMatchObject({ code: 'factor_type_not_allowed', allowedFactorTypes: ['totp'] });
    const payeeEndpoint = await pay.http.post(
      '/v1/pay/payee-admin/enrollments',
      { factorType: 'sms', phoneNumber: '+14155550123' },
      { token: first.body.mfaToken },
    );
    expect(payeeEndpoint.status).toBe(403);
    expect(payeeEndpoint.body.code).toBe('role_required');
  });

  it('PAY-3 an SMS-only payor must enroll an authenticator app: the SMS factor is neither offered nor accepted', async () => {
    const standard = await env.standard();
    const pay = await env.pay();
    const twilio = await new FakeTwilio().start();
    await env.start('worker', twilioWorkerEnv(twilio.url));
    const { user, company } = await createPayUser(pay, ['payments_admin'], { userOverrides: { alwaysRequireMfa: true } });
    const first = await signIn(standard, user.email);
    const started = await standard.http.post(
      '/v1/enrollments',
      { factorType: 'sms', phoneNumber: '+14155550123' },
      { token: first.body.mfaToken },
    );
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    await standard.http.post(
      `/v1/enrollments/${started.body.enrollmentId}/confirm`,
      { code: twilio.lastCodeTo('+14155550123') },
      { token: first.body.mfaToken },
    );

    const atPay = await signIn(pay, user.email);
    expect(atPay.body).toMatchObject({ status: 'mfa_enrollment_required', allowedFactorTypes: ['totp'] });
    const challenge = await pay.http.post('/v1/pay/challenges', { factorId: started.body.enrollmentId }, { token: atPay.body.mfaToken });
    expect(challenge.status).toBe(422);
    expect(challenge.body.code).toBe('factor_type_not_allowed');
    expect(company.payKind).toBe('payor');
    await twilio.close();
  });

  it('PAY-3 PAY-5 a payee admin enrolls a US number and signs in with a texted code; a UK number is refused', async () => {
    const pay = await env.pay();
    const twilio = await new FakeTwilio().start();
    await env.start('worker', twilioWorkerEnv(twilio.url));
    const { user } = await createPayUser(pay, ['payee_admin']);
    const first = await signIn(pay, user.email);
    expect(first.body.allowedFactorTypes).toEqual(['totp', 'sms']);
    const uk = await pay.http.post(
      '/v1/pay/payee-admin/enrollments',
      { factorType: 'sms', phoneNumber: '+44 7400 123456' },
      { token: first.body.mfaToken },
    );
    expect(uk.status).toBe(422);
    expect(uk.body).toMatchObject({ code: 'phone_country_not_allowed', allowedCountries: ['US'] });
    const us = await pay.http.post(
      '/v1/pay/payee-admin/enrollments',
      { factorType: 'sms', phoneNumber: '+1 415 555 0188' },
      { token: first.body.mfaToken },
    );
    expect(us.status).toBe(202);
    await eventually(() => expect(twilio.delivered).toHaveLength(1));
    const confirmed = await pay.http.post(
      `/v1/pay/payee-admin/enrollments/${us.body.enrollmentId}/confirm`,
      { code: twilio.lastCodeTo('+14155550188') },
      { token: first.body.mfaToken },
    );
    expect(confirmed.body.status).toBe('authenticated');

    env.clock.advance(60);
    const again = await signIn(pay, user.email);
    expect(again.body.factors).toEqual([{ id: us.body.enrollmentId, type: 'sms', maskedPhoneNumber: '+1******0188' }]);
    const challenge = await pay.http.post('/v1/pay/challenges', { factorId: us.body.enrollmentId }, { token: again.body.mfaToken });
    expect(challenge.status).toBe(202);
    await eventually(() => expect(twilio.delivered).toHaveLength(2));
    const verified = await pay.http.post(
      `/v1/pay/challenges/${challenge.body.challengeId}/verify`,
      { code: twilio.lastCodeTo('+14155550188') },
      { token: again.body.mfaToken },
    );
    expect(decodeJwt(verified.body.accessToken).claims).toMatchObject({ aud: 'pay', acr: 'aal2', amr: ['pwd', 'sms'] });
    await twilio.close();
  });

  it('PAY-3 a user holding payor and payee roles gets the stricter rule', async () => {
    const pay = await env.pay();
    const { user } = await createPayUser(pay, ['payee_admin']);
    const { company: payor } = await createPayUser(pay, ['payments_beneficiary_approver']);
    await addMember(pay, payor, user, { payRoles: ['payments_beneficiary_approver'] });
    const first = await signIn(pay, user.email);
    expect(first.body.allowedFactorTypes).toEqual(['totp']);
    const sms = await pay.http.post(
      '/v1/pay/payee-admin/enrollments',
      { factorType: 'sms', phoneNumber: '+14155550123' },
      { token: first.body.mfaToken },
    );
    expect(sms.body.code).toBe('factor_type_not_allowed');
  });

  it('PAY-2 the locked always-require-MFA switch holds in Pay too', async () => {
    const pay = await env.pay();
    const flagged = await createEnrolledUser(await env.standard(), env.clock);
    expect((await signIn(pay, flagged.email)).body).toMatchObject({
      status: 'mfa_required',
      factors: [{ id: flagged.factorId, type: 'totp' }],
    });
  });

  it('PAY-5 a caller without the role gets 403 role_required on the role-specific endpoints', async () => {
    const pay = await env.pay();
    const { user } = await createPayUser(pay, ['disbursement_contributor']);
    const { accessToken } = (await signIn(pay, user.email)).body;
    const response = await pay.http.post(
      '/v1/pay/payee-admin/enrollments',
      { factorType: 'totp', currentPassword: PASSWORD },
      { token: accessToken },
    );
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'role_required', role: 'payee_admin' });
  });
});
