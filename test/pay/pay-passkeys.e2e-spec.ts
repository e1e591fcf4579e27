import { signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { decodeJwt } from '../support/jwt';
import { enrollPasskey, newAuthenticator, PASSKEYS, passwordless } from '../support/passkeys';
import { authorize, createPayUser } from '../support/pay';

describe('passkeys in Pay', () => {
  const env = useTestEnvironment();

  /** A Pay user of these roles who enrolls a passkey inside their first Pay sign-in, through their role's endpoint. */
  async function payUserWithPasskey(pay: Awaited<ReturnType<typeof env.start>>, role: 'payments_disburser' | 'payee_admin') {
    const { user } = await createPayUser(pay, [role]);
    const first = await signIn(pay, user.email);
    const endpoint = role === 'payee_admin' ? '/v1/pay/payee-admin/enrollments' : '/v1/pay/payor/enrollments';
    const key = newAuthenticator();
    const { confirmed } = await enrollPasskey(pay, first.body.mfaToken, key, { name: 'Laptop' }, endpoint);
    return { user, first: first.body, key, confirmed: confirmed.body, factorId: confirmed.body.factor.id as string };
  }

  it('PASSKEY-4 PAY-5 every Pay role may enroll a passkey at sign-in, and it proves the second factor', async () => {
    const pay = await env.start('pay', PASSKEYS);
    const payor = await payUserWithPasskey(pay, 'payments_disburser');
    expect(payor.first).toMatchObject({ status: 'mfa_enrollment_required', allowedFactorTypes: ['totp', 'webauthn'] });
    expect(decodeJwt(payor.confirmed.accessToken).claims).toMatchObject({ aud: 'pay', acr: 'aal2', amr: ['pwd', 'hwk'] });
    const payeeAdmin = await payUserWithPasskey(pay, 'payee_admin');
    expect(payeeAdmin.first.allowedFactorTypes).toEqual(['totp', 'sms', 'webauthn']);
    expect(decodeJwt(payeeAdmin.confirmed.accessToken).claims).toMatchObject({ acr: 'aal2', amr: ['pwd', 'hwk'] });

    const again = await signIn(pay, payor.user.email);
    expect(again.body.factors).toEqual([{ id: payor.factorId, type: 'webauthn', name: 'Laptop' }]);
    const passkeyOnly = await passwordless(pay, payor.key);
    const session = await passkeyOnly.answer();
    expect(decodeJwt(session.body.accessToken).claims).toMatchObject({ aud: 'pay', acr: 'aal2', amr: ['hwk', 'mfa'] });
  });

  it('PASSKEY-4 PAY-6 a payor approves a disbursement step-up with the passkey; the authorization allows it once', async () => {
    const pay = await env.start('pay', PASSKEYS);
    const { key, confirmed, factorId } = await payUserWithPasskey(pay, 'payments_disburser');
    const accessToken = confirmed.accessToken as string;
    const started = await pay.http.post('/v1/pay/step-ups', { operation: 'disbursement.authorize', factorId }, { token: accessToken });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      factorType: 'webauthn',
      operation: 'disbursement.authorize',
      webauthn: { publicKey: { rpId: 'sitepass.test' } },
    });
    const verified = await pay.http.post(
      `/v1/pay/step-ups/${started.body.challengeId}/verify`,
      { credential: key.authenticate(started.body.webauthn.publicKey) },
      { token: accessToken },
    );
    expect(verified.status).toBe(200);
    expect((await authorize(pay, accessToken, 'disbursement.authorize', verified.body.stepUpToken)).body).toEqual({ decision: 'allow' });
    const replayed = await authorize(pay, accessToken, 'disbursement.authorize', verified.body.stepUpToken);
    expect(replayed.body.code).toBe('step_up_required');
  });

  it('PASSKEY-4 PAY-6 one signed step-up sent 8 times at once to two Pay instances yields one step-up token', async () => {
    const [one, two] = await Promise.all([env.start('pay', PASSKEYS), env.start('pay', PASSKEYS)]);
    const { key, confirmed, factorId } = await payUserWithPasskey(one, 'payments_disburser');
    const accessToken = confirmed.accessToken as string;
    const started = await one.http.post('/v1/pay/step-ups', { operation: 'disbursement.authorize', factorId }, { token: accessToken });
    const credential = key.authenticate(started.body.webauthn.publicKey);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 ? two : one).http.post(`/v1/pay/step-ups/${started.body.challengeId}/verify`, { credential }, { token: accessToken }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.every((answer) => answer.status < 500)).toBe(true);
  });
});
