import { FakeClock } from './fake-clock';
import { addMember, createCompany, createUser, PASSWORD, signIn } from './factories';
import { RunningApp } from './harness';
import { AuthenticatorApp, createEnrolledUser, EnrolledUser, enrollTotp, signInWithTotp } from './mfa';
import { Company, User } from '@sitepass/database';

export interface CompanyWithAdmin {
  company: Company;
  /** Enrolled and flagged "always require MFA", so that they sign in the same way whatever the policy says. */
  admin: EnrolledUser;
}

export async function createCompanyWithAdmin(
  app: RunningApp,
  clock: FakeClock,
  overrides: Parameters<typeof createCompany>[1] = {},
): Promise<CompanyWithAdmin> {
  const company = await createCompany(app, overrides);
  const admin = await createEnrolledUser(app, clock);
  await addMember(app, company, { id: admin.userId } as User, { role: 'admin' });
  return { company, admin };
}

/** An MFA sign-in of the admin; one per 30-second step (codes are single-use). */
export async function adminToken(app: RunningApp, admin: EnrolledUser): Promise<string> {
  const { verified } = await signInWithTotp(app, admin);
  if (verified.status !== 200) throw new Error(`admin sign-in failed: ${JSON.stringify(verified.body)}`);
  return verified.body.accessToken;
}

export interface PolicyBody {
  required?: boolean;
  enforcementDate: string;
  timeZone: string;
  reauthInterval?: string;
}

export function putPolicy(app: RunningApp, token: string, companyId: string, body: PolicyBody) {
  return app.http.put(`/v1/companies/${companyId}/mfa-policy`, { required: true, ...body }, { token });
}

/** Sets a policy and fails the test at once if the API refuses it. */
export async function setPolicy(app: RunningApp, token: string, companyId: string, body: PolicyBody) {
  const response = await putPolicy(app, token, companyId, body);
  if (response.status !== 200) throw new Error(`policy not saved: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A member of the company who has not enrolled. */
export async function createMember(app: RunningApp, company: Company, overrides: Parameters<typeof createUser>[1] = {}): Promise<User> {
  const user = await createUser(app, overrides);
  await addMember(app, company, user);
  return user;
}

/** Self-service enrollment with a password session, as a member does before the deadline (POL-4). */
export async function enrollVoluntarily(app: RunningApp, clock: FakeClock, user: User): Promise<EnrolledUser> {
  const session = await signIn(app, user.email);
  if (session.body.status !== 'authenticated') throw new Error(`expected a password session: ${JSON.stringify(session.body)}`);
  const { confirmed, phone } = await enrollTotp(app, clock, session.body.accessToken, { currentPassword: PASSWORD });
  clock.advance(30);
  return {
    email: user.email,
    userId: user.id,
    app: phone as AuthenticatorApp,
    recoveryCode: confirmed.recoveryCode,
    factorId: confirmed.factor.id,
  };
}

/** The forced enrollment inside a sign-in, once a policy is enforced (LOGIN-4): the member and their first session. */
export async function enrollAtSignIn(app: RunningApp, clock: FakeClock, user: User) {
  const first = await signIn(app, user.email);
  if (first.body.status !== 'mfa_enrollment_required') throw new Error(`expected enrollment at sign-in: ${JSON.stringify(first.body)}`);
  const { confirmed, phone } = await enrollTotp(app, clock, first.body.mfaToken);
  clock.advance(30);
  const member: EnrolledUser = {
    email: user.email,
    userId: user.id,
    app: phone,
    recoveryCode: confirmed.recoveryCode,
    factorId: confirmed.factor.id,
  };
  return { member, session: confirmed as { accessToken: string; refreshToken: string; deviceToken?: string } };
}
