import { addMember, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { createPayUser, enrollAtPaySignIn } from '../support/pay';

describe('PAY-10 Pay resets', () => {
  const env = useTestEnvironment();

  async function payeeAdmin() {
    const pay = await env.pay();
    const { user, company } = await createPayUser(pay, ['payee_admin']);
    const admin = await enrollAtPaySignIn(pay, env.clock, user, 'payee-admin');
    return { pay, company, admin };
  }

  const reset = (pay: Awaited<ReturnType<typeof env.pay>>, token: string, companyId: string, body: Record<string, unknown>) =>
    pay.http.post(`/v1/pay/companies/${companyId}/mfa-resets`, { identityVerified: true, ...body }, { token });

  it('PAY-10 RESET-2 a payee admin resets a user of their payee company: every factor and session goes at once', async () => {
    const { pay, company, admin } = await payeeAdmin();
    const { user } = await createPayUser(pay, ['payee_admin'], { company });
    const member = await enrollAtPaySignIn(pay, env.clock, user, 'payee-admin');
    const response = await reset(pay, admin.accessToken, company.id, { email: member.email });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ userId: member.userId, factorsRevoked: 1, sessionsRevoked: 1 });
    expect((await pay.http.get('/v1/pay/sessions/current', { token: member.accessToken })).body.code).toBe('session_revoked');
    const { rows } = await env.db.query(`SELECT actor_user_id, company_id, data FROM audit_events WHERE type = 'mfa.reset'`);
    expect(rows).toEqual([
      { actor_user_id: admin.userId, company_id: company.id, data: expect.objectContaining({ by: 'payee_admin', identityVerified: true }) },
    ]);
    const after = await signIn(pay, member.email);
    expect(after.body.status).toBe('mfa_enrollment_required');
  });

  it('PAY-10 a payee admin cannot reset a payor-role user, nor anyone outside their payee company', async () => {
    const { pay, company, admin } = await payeeAdmin();
    const { user: payor } = await createPayUser(pay, ['payments_disburser']);
    await addMember(pay, company, payor);
    const refused = await reset(pay, admin.accessToken, company.id, { email: payor.email });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('pay_support_required');
    const { user: elsewhere, company: other } = await createPayUser(pay, ['payee_admin']);
    expect((await reset(pay, admin.accessToken, company.id, { email: elsewhere.email })).status).toBe(404);
    expect((await reset(pay, admin.accessToken, other.id, { email: elsewhere.email })).status).toBe(404);
  });

  it('PAY-10 only platform support resets a payor, with a note of the identity check, audited', async () => {
    const pay = await env.pay();
    const { user, company } = await createPayUser(pay, ['payments_admin']);
    const payor = await enrollAtPaySignIn(pay, env.clock, user);
    const support = await createEnrolledUser(await env.standard(), env.clock, { support: true });
    const supportToken = (await signInWithTotp(pay, support)).verified.body.accessToken;

    const withoutNote = await reset(pay, supportToken, company.id, { email: payor.email });
    expect(withoutNote.status).toBe(400);
    expect(withoutNote.body.errors).toEqual([{ field: 'identityCheckNote', message: expect.stringContaining('required') }]);
    const done = await reset(pay, supportToken, company.id, {
      email: payor.email,
      identityCheckNote: 'Video call, photo ID matched, ticket 4411',
    });
    expect(done.status).toBe(201);
    const { rows } = await env.db.query(`SELECT actor_user_id, data FROM audit_events WHERE type = 'mfa.reset'`);
    expect(rows).toEqual([
      {
        actor_user_id: support.userId,
        data: expect.objectContaining({ by: 'support', identityCheckNote: 'Video call, photo ID matched, ticket 4411' }),
      },
    ]);
  });

  it('PAY-10 a reset needs an MFA session: support must prove a factor first', async () => {
    const pay = await env.pay();
    const { user, company } = await createPayUser(pay, ['payments_admin']);
    const support = await createEnrolledUser(await env.standard(), env.clock, { support: true });
    const signedIn = await signIn(pay, support.email);
    expect(signedIn.body.status).toBe('mfa_required');
    const aal1 = await createPayUser(pay, ['disbursement_contributor']);
    const contributorToken = (await signIn(pay, aal1.user.email)).body.accessToken;
    const refused = await reset(pay, contributorToken, company.id, { email: user.email, identityCheckNote: 'x' });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('reauthentication_required');
  });
});
