import { randomUUID } from 'node:crypto';
import { addMember, createCompany, createUser, PASSWORD, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { signInWithTotp } from '../support/mfa';
import { adminToken, createCompanyWithAdmin, createMember, enrollAtSignIn, enrollVoluntarily, setPolicy } from '../support/policy';
import { User } from '@sitepass/database';

describe('admin reset of a member’s MFA', () => {
  const env = useTestEnvironment();

  async function companyWith(policy: { enforcementDate: string } | null = { enforcementDate: '2026-03-02' }) {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, admin);
    if (policy) await setPolicy(app, token, company.id, { ...policy, timeZone: 'UTC' });
    const reset = (email: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
      app.http.post(`/v1/companies/${company.id}/mfa-resets`, { email, identityVerified: true, ...extra }, { token, headers });
    return { app, company, admin, token, reset };
  }

  it('RESET-1 a company admin resets an active member while the policy is enforced, naming them by login email', async () => {
    const { app, company, reset } = await companyWith();
    const { member } = await enrollAtSignIn(app, env.clock, await createMember(app, company));
    const response = await reset(member.email.toUpperCase());
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ userId: member.userId, resetAt: env.clock.now().toISOString(), factorsRevoked: 1, sessionsRevoked: 1 });
  });

  it('RESET-1 a reset is possible while the policy is scheduled, and refused while it is off or was never set', async () => {
    const scheduled = await companyWith({ enforcementDate: '2026-03-20' });
    const member = await enrollVoluntarily(scheduled.app, env.clock, await createMember(scheduled.app, scheduled.company));
    expect((await scheduled.reset(member.email)).status).toBe(201);

    const never = await companyWith(null);
    const neverMember = await createMember(never.app, never.company);
    const refused = await never.reset(neverMember.email);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'reset_not_available', policyState: 'off' });
    await setPolicy(never.app, never.token, never.company.id, { required: false, enforcementDate: '2026-03-20', timeZone: 'UTC' });
    expect((await never.reset(neverMember.email)).body.code).toBe('reset_not_available');
  });

  it('RESET-1 RESET-3 SEC-3 unknown emails, other companies’ members and inactive members are all 404', async () => {
    const { app, company, reset } = await companyWith();
    const outsider = await createMember(app, await createCompany(app));
    const leaver = await createMember(app, company);
    await addMember(app, company, leaver, { status: 'inactive' });
    for (const email of ['nobody@example.com', outsider.email, leaver.email]) {
      const response = await reset(email);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('not_found');
    }
  });

  it('RESET-1 the admin must attest the identity check with identityVerified: true', async () => {
    const { app, company, reset } = await companyWith();
    const member = await createMember(app, company);
    for (const attestation of [{ identityVerified: false }, { identityVerified: 'true' }, { identityVerified: undefined }]) {
      const response = await reset(member.email, attestation);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'identityVerified' })]);
    }
  });

  it('RESET-1 SEC-3 members and other companies’ admins cannot reset (404)', async () => {
    const { app, company } = await companyWith();
    const target = await createMember(app, company);
    const member = await createMember(app, company);
    const { member: enrolledMember } = await enrollAtSignIn(app, env.clock, member);
    const memberToken = (await signInWithTotp(app, enrolledMember)).verified.body.accessToken;
    const other = await createCompanyWithAdmin(app, env.clock);
    const otherToken = await adminToken(app, other.admin);
    for (const token of [memberToken, otherToken]) {
      const response = await app.http.post(
        `/v1/companies/${company.id}/mfa-resets`,
        { email: target.email, identityVerified: true },
        { token },
      );
      expect(response.status).toBe(404);
    }
    const unknown = await app.http.post(
      `/v1/companies/${randomUUID()}/mfa-resets`,
      { email: target.email, identityVerified: true },
      { token: otherToken },
    );
    expect(unknown.status).toBe(404);
  });

  it('RESET-1 an admin must have proven a second factor in the session that resets', async () => {
    const app = await env.standard();
    const company = await createCompany(app);
    const admin = await createUser(app);
    await addMember(app, company, admin, { role: 'admin' });
    const passwordOnly = (await signIn(app, admin.email)).body.accessToken;
    await setPolicy(app, passwordOnly, company.id, { enforcementDate: '2026-03-20', timeZone: 'UTC' });
    const member = await createMember(app, company);
    const response = await app.http.post(
      `/v1/companies/${company.id}/mfa-resets`,
      { email: member.email, identityVerified: true },
      { token: passwordOnly },
    );
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('reauthentication_required');
  });

  it('RESET-3 an admin cannot reset themselves (403 cannot_reset_self)', async () => {
    const { admin, reset } = await companyWith();
    const response = await reset(admin.email);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('cannot_reset_self');
  });

  it('RESET-3 DIR-5 SSO users are refused (403 sso_user): their identity provider manages their MFA', async () => {
    const { app, company, reset } = await companyWith();
    const idp = await createCompany(app, { ssoDomains: ['sso-builder.example'] });
    const ssoUser = await createUser(app, { email: 'sam@sso-builder.example' });
    await addMember(app, idp, ssoUser);
    await addMember(app, company, ssoUser);
    const response = await reset(ssoUser.email);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('sso_user');
  });

  it('RESET-3 holders of an MFA-required payor role are left to support (403 pay_support_required); exempt roles are not', async () => {
    const { app, company, reset } = await companyWith();
    const payor = await createCompany(app, { payKind: 'payor' });
    for (const role of ['payments_admin', 'payments_disburser', 'payments_beneficiary_approver'] as const) {
      const holder = await createMember(app, company);
      await addMember(app, payor, holder, { payRoles: [role] });
      const response = await reset(holder.email);
      expect({ role, status: response.status, code: response.body.code }).toEqual({ role, status: 403, code: 'pay_support_required' });
    }
    const contributor = await createMember(app, company);
    await addMember(app, payor, contributor, { payRoles: ['disbursement_contributor'] });
    expect((await reset(contributor.email)).status).toBe(201);
  });

  it('RESET-2 SES-7 revokes factors, recovery code, trusted devices, open challenges and sign-ins, and every session on every instance', async () => {
    const { app, company, reset } = await companyWith();
    const second = await env.start('standard');
    const { member, session: firstSession } = await enrollAtSignIn(app, env.clock, await createMember(app, company));
    const { verified } = await signInWithTotp(second, member);
    const { deviceToken } = verified.body;
    const open = (await signIn(app, member.email)).body;
    const challenge = (await app.http.post('/v1/challenges', { factorId: member.factorId }, { token: open.mfaToken })).body;
    for (const [instance, accessToken] of [
      [app, firstSession.accessToken],
      [second, verified.body.accessToken],
    ] as const) {
      expect((await instance.http.get('/v1/sessions/current', { token: accessToken })).status).toBe(200);
    }

    expect((await reset(member.email)).body).toMatchObject({ factorsRevoked: 1, sessionsRevoked: 2 });

    for (const instance of [app, second]) {
      for (const accessToken of [firstSession.accessToken, verified.body.accessToken]) {
        const response = await instance.http.get('/v1/sessions/current', { token: accessToken });
        expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code: 'session_revoked' });
      }
    }
    expect((await app.http.post('/v1/sessions/refresh', { refreshToken: verified.body.refreshToken })).body.code).toBe('session_revoked');
    const verify = await app.http.post(
      `/v1/challenges/${challenge.challengeId}/verify`,
      { code: member.app.code() },
      { token: open.mfaToken },
    );
    expect({ status: verify.status, code: verify.body.code }).toEqual({ status: 401, code: 'invalid_token' });
    expect((await app.http.post('/v1/recovery-codes/redeem', { code: member.recoveryCode }, { token: open.mfaToken })).body.code).toBe(
      'invalid_token',
    );
    const withDevice = await signIn(app, member.email, PASSWORD, { deviceToken });
    expect(withDevice.body.status).toBe('mfa_enrollment_required');

    const state = await env.db.query(
      `SELECT (SELECT array_agg(DISTINCT status || ':' || revoked_reason) FROM factors WHERE user_id = $1) AS factors,
              (SELECT count(*)::int FROM recovery_codes WHERE user_id = $1 AND voided_at IS NULL AND redeemed_at IS NULL) AS live_codes,
              (SELECT count(*)::int FROM trusted_devices WHERE user_id = $1 AND revoked_at IS NULL) AS live_devices,
              (SELECT status FROM challenges WHERE id = $2) AS challenge,
              (SELECT array_agg(DISTINCT revoked_reason) FROM sessions WHERE user_id = $1 AND revoked_at IS NOT NULL) AS session_reasons`,
      [member.userId, challenge.challengeId],
    );
    expect(state.rows[0]).toEqual({
      factors: ['revoked:admin_reset'],
      live_codes: 0,
      live_devices: 0,
      challenge: 'revoked',
      session_reasons: ['admin_reset'],
    });
  });

  it('RESET-2 clears an MFA lock, and the member enrolls again at the next sign-in', async () => {
    const { app, company, reset } = await companyWith();
    const { member } = await enrollAtSignIn(app, env.clock, await createMember(app, company));
    await env.db.query(
      `UPDATE users SET mfa_failure_count = 100, mfa_locked_at = now(), mfa_blocked_until = now() + interval '15 minutes' WHERE id = $1`,
      [member.userId],
    );
    expect((await signIn(app, member.email)).body.code).toBe('account_locked');
    await reset(member.email);
    const { member: reenrolled, session } = await enrollAtSignIn(app, env.clock, { id: member.userId, email: member.email } as User);
    expect(session.accessToken).toEqual(expect.any(String));
    expect(reenrolled.recoveryCode).not.toBe(member.recoveryCode);
    expect((await signInWithTotp(app, reenrolled)).verified.status).toBe(200);
    const { rows } = await env.db.query(`SELECT mfa_failure_count, mfa_locked_at, mfa_blocked_until FROM users WHERE id = $1`, [
      member.userId,
    ]);
    expect(rows).toEqual([{ mfa_failure_count: 0, mfa_locked_at: null, mfa_blocked_until: null }]);
  });

  it('RESET-4 audits the reset with actor, subject, company, attestation and request metadata', async () => {
    const { app, company, admin, reset } = await companyWith();
    const { member } = await enrollAtSignIn(app, env.clock, await createMember(app, company));
    await reset(member.email, {}, { 'user-agent': 'admin-console', 'x-request-id': 'reset-req-1' });
    const { rows } = await env.db.query(`SELECT * FROM audit_events WHERE type IN ('mfa.reset', 'factor.revoked') ORDER BY id`);
    expect(rows.map((row) => row.type)).toEqual(['factor.revoked', 'mfa.reset']);
    expect(rows[1]).toMatchObject({
      actor_user_id: admin.userId,
      subject_user_id: member.userId,
      company_id: company.id,
      ip: '127.0.0.1',
      user_agent: 'admin-console',
      request_id: 'reset-req-1',
      data: { identityVerified: true, by: 'company_admin', factorsRevoked: 1, sessionsRevoked: 1 },
    });
    expect(rows[0]).toMatchObject({
      actor_user_id: admin.userId,
      subject_user_id: member.userId,
      data: { factorId: member.factorId, factorType: 'totp', reason: 'admin_reset' },
    });
  });
});
