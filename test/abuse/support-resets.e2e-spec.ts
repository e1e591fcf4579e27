import { addMember } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { ApiResponse } from '../support/http-client';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { createPayUser, enrollAtPaySignIn } from '../support/pay';
import { adminToken, createCompanyWithAdmin, setPolicy } from '../support/policy';
import { User } from '@sitepass/database';

const COPIES = 3;

describe('ABUSE-12 platform support users are reset only by support', () => {
  const env = useTestEnvironment();

  /**
   * A support user who is also a member of a standard company (policy enforced, so its admin may reset
   * members) and of a payee company, signed in to both products on a second instance of each.
   */
  async function supportStaffInTwoCompanies() {
    const standard = await env.standard();
    const secondStandard = await env.start('standard');
    const pay = await env.pay();
    const secondPay = await env.start('pay');
    const { company, admin } = await createCompanyWithAdmin(standard, env.clock);
    const companyAdminToken = await adminToken(standard, admin);
    await setPolicy(standard, companyAdminToken, company.id, { enforcementDate: '2026-03-02', timeZone: 'UTC' });
    const { user: payeeAdminUser, company: payee } = await createPayUser(pay, ['payee_admin']);
    const payeeAdmin = await enrollAtPaySignIn(pay, env.clock, payeeAdminUser, 'payee-admin');
    const staff = await createEnrolledUser(standard, env.clock, { support: true });
    await addMember(standard, company, { id: staff.userId } as User);
    await addMember(standard, payee, { id: staff.userId } as User);
    const standardSession = (await signInWithTotp(secondStandard, staff)).verified.body.accessToken as string;
    env.clock.advance(30);
    const paySession = (await signInWithTotp(secondPay, staff)).verified.body.accessToken as string;
    env.clock.advance(30);

    /** Every admin's attempt, `COPIES` times on each instance of their product, labelled with who and where. */
    const adminAttempts = (): Array<Promise<{ who: string; response: ApiResponse }>> => {
      const attempt = (who: string, app: RunningApp, path: string, token: string) =>
        app.http.post(path, { email: staff.email, identityVerified: true }, { token }).then((response) => ({ who, response }));
      return Array.from({ length: COPIES }, () => [
        attempt('company admin, standard instance 1', standard, `/v1/companies/${company.id}/mfa-resets`, companyAdminToken),
        attempt('company admin, standard instance 2', secondStandard, `/v1/companies/${company.id}/mfa-resets`, companyAdminToken),
        attempt('payee admin, Pay instance 1', pay, `/v1/pay/companies/${payee.id}/mfa-resets`, payeeAdmin.accessToken),
        attempt('payee admin, Pay instance 2', secondPay, `/v1/pay/companies/${payee.id}/mfa-resets`, payeeAdmin.accessToken),
      ]).flat();
    };

    /** The staff member's sessions as each instance answers for them now. */
    const sessionStatuses = async () => ({
      standard: await Promise.all(
        [standard, secondStandard].map(async (app) => (await app.http.get('/v1/sessions/current', { token: standardSession })).status),
      ),
      pay: await Promise.all(
        [pay, secondPay].map(async (app) => (await app.http.get('/v1/pay/sessions/current', { token: paySession })).status),
      ),
    });

    return { standard, pay, secondPay, payee, staff, adminAttempts, sessionStatuses };
  }

  function outcomes(attempts: Array<{ who: string; response: ApiResponse }>) {
    return attempts.map(({ who, response }) => ({ who, status: response.status, code: response.body.code }));
  }

  it('ABUSE-12 RESET-3 PAY-10 a company admin and a payee admin, several copies at once on two instances each, are all refused (403 support_user); the support user keeps every factor and session', async () => {
    const { staff, adminAttempts, sessionStatuses } = await supportStaffInTwoCompanies();
    const recoveryCodesBefore = (
      await env.db.query(`SELECT id FROM recovery_codes WHERE user_id = $1 AND voided_at IS NULL AND redeemed_at IS NULL`, [staff.userId])
    ).rows;

    const attempts = await Promise.all(adminAttempts());

    expect(outcomes(attempts)).toEqual(attempts.map(({ who }) => ({ who, status: 403, code: 'support_user' })));
    for (const { response } of attempts) expect(response.body.message).toMatch(/only support can reset/);
    expect(await sessionStatuses()).toEqual({ standard: [200, 200], pay: [200, 200] });
    const { rows } = await env.db.query(
      `SELECT (SELECT array_agg(id || ':' || status) FROM factors WHERE user_id = $1) AS factors,
              (SELECT array_agg(id) FROM recovery_codes WHERE user_id = $1 AND voided_at IS NULL AND redeemed_at IS NULL) AS live_codes,
              (SELECT count(*)::int FROM sessions WHERE user_id = $1 AND revoked_at IS NOT NULL) AS revoked_sessions,
              (SELECT count(*)::int FROM audit_events WHERE subject_user_id = $1 AND type IN ('mfa.reset', 'factor.revoked')) AS reset_events`,
      [staff.userId],
    );
    expect(rows[0]).toEqual({
      factors: [`${staff.factorId}:active`],
      live_codes: recoveryCodesBefore.map((row) => row.id),
      revoked_sessions: 0,
      reset_events: 0,
    });
  });

  it('ABUSE-12 PAY-10 support resets another support user through Pay, while the company and payee admins trying at the same moment are refused', async () => {
    const { standard, pay, secondPay, payee, staff, adminAttempts, sessionStatuses } = await supportStaffInTwoCompanies();
    const colleague = await createEnrolledUser(standard, env.clock, { support: true });
    const colleagueToken = (await signInWithTotp(pay, colleague)).verified.body.accessToken as string;
    const note = 'Video call with their team lead, staff badge matched, ticket 7731';

    const [bySupport, attempts] = await Promise.all([
      secondPay.http.post(
        `/v1/pay/companies/${payee.id}/mfa-resets`,
        { email: staff.email, identityVerified: true, identityCheckNote: note },
        { token: colleagueToken },
      ),
      Promise.all(adminAttempts()),
    ]);

    expect(bySupport.status).toBe(201);
    // Three sessions: the one the enrollment's sign-in opened, and one in each product.
    expect(bySupport.body).toMatchObject({ userId: staff.userId, factorsRevoked: 1, sessionsRevoked: 3 });
    expect(outcomes(attempts)).toEqual(attempts.map(({ who }) => ({ who, status: 403, code: 'support_user' })));
    expect(await sessionStatuses()).toEqual({ standard: [401, 401], pay: [401, 401] });
    const { rows } = await env.db.query(
      `SELECT actor_user_id, company_id, data FROM audit_events WHERE type = 'mfa.reset' AND subject_user_id = $1`,
      [staff.userId],
    );
    expect(rows).toEqual([
      { actor_user_id: colleague.userId, company_id: payee.id, data: expect.objectContaining({ by: 'support', identityCheckNote: note }) },
    ]);
  });
});
