import { signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { signInWithTotp } from '../support/mfa';
import { authorize, createPayUser, enrollAtPaySignIn, stepUp } from '../support/pay';

describe('Pay step-up and authorization decisions', () => {
  const env = useTestEnvironment();

  async function signedInDisburser() {
    const pay = await env.pay();
    const { user } = await createPayUser(pay, ['payments_disburser']);
    const enrolled = await enrollAtPaySignIn(pay, env.clock, user);
    return { pay, user: enrolled, accessToken: enrolled.accessToken, refreshToken: enrolled.refreshToken };
  }

  it('PAY-6 PAY-7 a disbursement is refused until a step-up made for that operation succeeds, then allowed once', async () => {
    const { pay, user, accessToken } = await signedInDisburser();
    const without = await authorize(pay, accessToken, 'disbursement.authorize');
    expect(without.status).toBe(401);
    expect(without.body).toMatchObject({ code: 'step_up_required', operation: 'disbursement.authorize' });

    const started = await pay.http.post(
      '/v1/pay/step-ups',
      { operation: 'disbursement.authorize', factorId: user.factorId },
      { token: accessToken },
    );
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ challengeId: expect.any(String), factorType: 'totp', operation: 'disbursement.authorize' });
    const verified = await pay.http.post(
      `/v1/pay/step-ups/${started.body.challengeId}/verify`,
      { code: user.app.code() },
      { token: accessToken },
    );
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ stepUpToken: expect.any(String), operation: 'disbursement.authorize', expiresIn: 300 });

    const allowed = await authorize(pay, accessToken, 'disbursement.authorize', verified.body.stepUpToken);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({ decision: 'allow' });
    const again = await authorize(pay, accessToken, 'disbursement.authorize', verified.body.stepUpToken);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('step_up_required');
  });

  it('PAY-6 a step-up token works only for its own operation and its own session', async () => {
    const { pay, user, accessToken } = await signedInDisburser();
    const token = await stepUp(pay, accessToken, user, 'payments_tool.open');
    expect((await authorize(pay, accessToken, 'disbursement.authorize', token)).body.code).toBe('step_up_required');
    env.clock.advance(30);
    const other = (await signInWithTotp(pay, user)).verified.body.accessToken;
    expect((await authorize(pay, other, 'payments_tool.open', token)).body.code).toBe('step_up_required');
    expect((await authorize(pay, accessToken, 'payments_tool.open', token)).status).toBe(200);
  });

  it('PAY-6 a step-up token expires after 5 minutes', async () => {
    const { pay, user, accessToken } = await signedInDisburser();
    const token = await stepUp(pay, accessToken, user, 'disbursement.authorize');
    env.clock.advance(5 * 60 + 1);
    expect((await authorize(pay, accessToken, 'disbursement.authorize', token)).body.code).toBe('step_up_required');
  });

  it('PAY-7 OPS-5 a step-up token used at once on two instances allows exactly once', async () => {
    const { pay, user, accessToken } = await signedInDisburser();
    const second = await env.start('pay');
    const token = await stepUp(pay, accessToken, user, 'disbursement.authorize');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) => authorize(index % 2 ? second : pay, accessToken, 'disbursement.authorize', token)),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
  });

  it('PAY-7 PAY-2 a disbursement contributor signs in without MFA and is refused money-moving operations', async () => {
    const pay = await env.pay();
    const { user } = await createPayUser(pay, ['disbursement_contributor']);
    const { accessToken } = (await signIn(pay, user.email)).body;
    for (const operation of [
      'disbursement.authorize',
      'funding_account.change',
      'beneficiary_account.approve',
      'agreement.accept',
      'payments_tool.open',
    ]) {
      const response = await authorize(pay, accessToken, operation);
      expect([operation, response.status, response.body.code]).toEqual([operation, 403, 'role_not_permitted']);
    }
  });

  it('PAY-7 permits each operation to the roles that own it', async () => {
    const pay = await env.pay();
    const { user } = await createPayUser(pay, ['payments_beneficiary_approver']);
    const enrolled = await enrollAtPaySignIn(pay, env.clock, user);
    expect((await authorize(pay, enrolled.accessToken, 'disbursement.authorize')).body.code).toBe('role_not_permitted');
    expect((await authorize(pay, enrolled.accessToken, 'funding_account.change')).body.code).toBe('role_not_permitted');
    const token = await stepUp(pay, enrolled.accessToken, enrolled, 'beneficiary_account.approve');
    expect((await authorize(pay, enrolled.accessToken, 'beneficiary_account.approve', token)).status).toBe(200);
  });

  it('PAY-7 PAY-8 ordinary requests in the Payments tool need no step-up, only an MFA session that is not idle', async () => {
    const { pay, accessToken } = await signedInDisburser();
    expect((await authorize(pay, accessToken, 'payments_tool.request')).body).toEqual({ decision: 'allow' });
    env.clock.advance(10 * 60);
    expect((await authorize(pay, accessToken, 'payments_tool.request')).status).toBe(200);
    const contributor = await createPayUser(pay, ['disbursement_contributor']);
    const aal1 = (await signIn(pay, contributor.user.email)).body.accessToken;
    expect((await authorize(pay, aal1, 'payments_tool.request')).body.code).toBe('role_not_permitted');
  });

  it('PAY-8 after 30 idle minutes the next Payments request asks for MFA again, on every instance', async () => {
    const { pay, user, accessToken, refreshToken } = await signedInDisburser();
    const second = await env.start('pay');
    let token = await stepUp(pay, accessToken, user, 'payments_tool.open');
    expect((await authorize(pay, accessToken, 'payments_tool.open', token)).status).toBe(200);
    // Access tokens live 15 minutes; the client refreshes them, which is not Payments activity.
    env.clock.advance(29 * 60);
    const first = (await pay.http.post('/v1/pay/sessions/refresh', { refreshToken })).body;
    token = await stepUp(pay, first.accessToken, user, 'payments_tool.open');
    expect((await authorize(second, first.accessToken, 'payments_tool.open', token)).status).toBe(200);
    env.clock.advance(30 * 60 + 1);
    const later = (await pay.http.post('/v1/pay/sessions/refresh', { refreshToken: first.refreshToken })).body;
    const idle = await authorize(second, later.accessToken, 'payments_tool.open');
    expect(idle.status).toBe(401);
    expect(idle.body.code).toBe('mfa_reauth_required');
    expect((await authorize(pay, later.accessToken, 'payments_tool.open')).body.code).toBe('mfa_reauth_required');
  });

  it('PAY-9 10 wrong step-up codes in a session revoke it, counted across instances', async () => {
    const { pay, user, accessToken } = await signedInDisburser();
    const second = await env.start('pay');
    const verifyWrong = async (instance: typeof pay, challengeId: string) =>
      instance.http.post(`/v1/pay/step-ups/${challengeId}/verify`, { code: user.app.wrongCode() }, { token: accessToken });
    for (let round = 0; round < 2; round += 1) {
      const started = await pay.http.post(
        '/v1/pay/step-ups',
        { operation: 'disbursement.authorize', factorId: user.factorId },
        { token: accessToken },
      );
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const response = await verifyWrong(attempt % 2 ? second : pay, started.body.challengeId);
        const last = round === 1 && attempt === 5;
        expect(response.body.code).toBe(last ? 'session_revoked' : attempt === 5 ? 'challenge_failed' : 'verification_failed');
      }
    }
    const after = await authorize(second, accessToken, 'payments_tool.open');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('session_revoked');
    const { rows } = await env.db.query(`SELECT revoked_reason, step_up_failures FROM sessions WHERE revoked_at IS NOT NULL`);
    expect(rows).toEqual([{ revoked_reason: 'step_up_failures', step_up_failures: 10 }]);
  });

  it('PAY-6 AUD-1 a step-up is audited with its operation and factor type', async () => {
    const { pay, user, accessToken } = await signedInDisburser();
    await stepUp(pay, accessToken, user, 'payments_tool.open');
    env.clock.advance(30);
    await stepUp(pay, accessToken, user, 'disbursement.authorize');
    const { rows } = await env.db.query(`SELECT data FROM audit_events WHERE type = 'step_up.verified' ORDER BY id`);
    expect(rows).toEqual([
      { data: { operation: 'payments_tool.open', factorType: 'totp' } },
      { data: { operation: 'disbursement.authorize', factorType: 'totp' } },
    ]);
  });
});
