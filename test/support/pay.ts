import { FakeClock } from './fake-clock';
import { addMember, createCompany, createUser, signIn } from './factories';
import { RunningApp } from './harness';
import { AuthenticatorApp, EnrolledUser, enrollTotp } from './mfa';
import { Company, PayRole, User } from '@sitepass/database';

/** A user holding Pay roles in a payor or payee company (PAY-1). */
export async function createPayUser(
  app: RunningApp,
  roles: PayRole[],
  options: { company?: Company; userOverrides?: Parameters<typeof createUser>[1] } = {},
): Promise<{ user: User; company: Company }> {
  const kind = roles.includes('payee_admin') ? 'payee' : 'payor';
  const company = options.company ?? (await createCompany(app, { payKind: kind }));
  const user = await createUser(app, options.userOverrides);
  await addMember(app, company, user, { role: roles.includes('payee_admin') ? 'admin' : 'member', payRoles: roles });
  return { user, company };
}

/** Pay sign-in of a user who must enroll: the authenticator app through their role's endpoint (PAY-5). */
export async function enrollAtPaySignIn(
  pay: RunningApp,
  clock: FakeClock,
  user: User,
  endpoint: 'payor' | 'payee-admin' = 'payor',
): Promise<EnrolledUser & { accessToken: string; refreshToken: string }> {
  const first = await signIn(pay, user.email);
  if (first.body.status !== 'mfa_enrollment_required') throw new Error(`expected enrollment: ${JSON.stringify(first.body)}`);
  const { confirmed, phone } = await enrollTotp(pay, clock, first.body.mfaToken, {}, `/v1/pay/${endpoint}/enrollments`);
  clock.advance(30);
  return {
    email: user.email,
    userId: user.id,
    app: phone as AuthenticatorApp,
    recoveryCode: confirmed.recoveryCode,
    factorId: confirmed.factor.id,
    accessToken: confirmed.accessToken,
    refreshToken: confirmed.refreshToken,
  };
}

/** A step-up for one operation, verified with the authenticator app: the step-up token. */
export async function stepUp(pay: RunningApp, accessToken: string, user: EnrolledUser, operation: string): Promise<string> {
  const started = await pay.http.post('/v1/pay/step-ups', { operation, factorId: user.factorId }, { token: accessToken });
  if (started.status !== 201) throw new Error(`step-up not started: ${started.status} ${JSON.stringify(started.body)}`);
  const verified = await pay.http.post(
    `/v1/pay/step-ups/${started.body.challengeId}/verify`,
    { code: user.app.code() },
    { token: accessToken },
  );
  if (verified.status !== 200) throw new Error(`step-up not verified: ${verified.status} ${JSON.stringify(verified.body)}`);
  return verified.body.stepUpToken;
}

export function authorize(pay: RunningApp, accessToken: string, operation: string, stepUpToken?: string) {
  return pay.http.post('/v1/pay/authorizations', { operation, ...(stepUpToken ? { stepUpToken } : {}) }, { token: accessToken });
}

/**
 * WEB-6, PAY-6, PAY-7: the product's back end turns the step-up page's code into a step-up token of its own
 * session, which the authorization accepts once.
 */
export async function expectStepUpAllowsOnce(
  pay: RunningApp,
  backEndToken: string,
  handedOff: { code: string; codeVerifier: string },
  operation: string,
): Promise<void> {
  const exchanged = await pay.http.post('/v1/pay/step-ups/exchange', handedOff, { token: backEndToken });
  expect(exchanged.status).toBe(200);
  expect((await authorize(pay, backEndToken, operation, exchanged.body.stepUpToken)).body).toEqual({ decision: 'allow' });
  expect((await authorize(pay, backEndToken, operation, exchanged.body.stepUpToken)).body.code).toBe('step_up_required');
}
