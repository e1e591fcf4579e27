import { addMember, createUser, PASSWORD, signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { createEnrolledUser, EnrolledUser, enrollTotp, signInWithTotp } from '../support/mfa';
import { adminToken, createCompanyWithAdmin, createMember, enrollVoluntarily, putPolicy, setPolicy } from '../support/policy';
import { User } from '@sitepass/database';

const NOTE = 'Video call, photo ID matched the HR record';

describe('RESET-5 support resets on the standard product', () => {
  const env = useTestEnvironment();

  /** A support user with a fresh MFA session, and their reset call on the given instance. */
  async function supportStaff(app: RunningApp) {
    const staff = await createEnrolledUser(app, env.clock, { support: true });
    const token = (await signInWithTotp(app, staff)).verified.body.accessToken as string;
    env.clock.advance(30);
    const reset = (email: string, extra: Record<string, unknown> = {}, on: RunningApp = app) =>
      on.http.post('/v1/support/mfa-resets', { email, identityVerified: true, identityCheckNote: NOTE, ...extra }, { token });
    return { staff, token, reset };
  }

  /**
   * A member who enrolled while the policy was scheduled; then the admin turned the policy off, so that the
   * company's admins may no longer reset anyone (RESET-1), and the member still signs in with the app.
   */
  async function voluntaryMemberOfCompanyWithPolicyOff(app: RunningApp) {
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, admin);
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-20', timeZone: 'UTC' });
    const member = await enrollVoluntarily(app, env.clock, await createMember(app, company));
    expect((await putPolicy(app, token, company.id, { required: false, enforcementDate: '2026-03-20', timeZone: 'UTC' })).status).toBe(200);
    expect((await signIn(app, member.email)).body.status).toBe('mfa_required');
    const adminReset = await app.http.post(
      `/v1/companies/${company.id}/mfa-resets`,
      { email: member.email, identityVerified: true },
      { token },
    );
    expect(adminReset.body.code).toBe('reset_not_available');
    return { company, admin, adminSession: token, member };
  }

  it('RESET-5 RESET-2 support resets a voluntarily enrolled user of a company whose policy is off, who enrolls again at the next sign-in', async () => {
    const app = await env.standard();
    const { company, adminSession, member } = await voluntaryMemberOfCompanyWithPolicyOff(app);
    const memberSession = (await signInWithTotp(app, member)).verified.body.accessToken as string;
    env.clock.advance(30);
    const { staff, reset } = await supportStaff(app);

    const response = await reset(member.email.toUpperCase());
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ userId: member.userId, resetAt: env.clock.now().toISOString(), factorsRevoked: 1, sessionsRevoked: 2 });
    expect((await app.http.get('/v1/sessions/current', { token: memberSession })).body.code).toBe('session_revoked');

    // No policy binds the member, yet the next sign-in is an enrollment: the reset asked for a new factor.
    const next = await signIn(app, member.email);
    expect(next.body).toMatchObject({ status: 'mfa_enrollment_required', allowedFactorTypes: ['totp', 'sms'] });
    const { confirmed } = await enrollTotp(app, env.clock, next.body.mfaToken);
    expect(confirmed).toMatchObject({ recoveryCode: expect.any(String), accessToken: expect.any(String) });
    expect(confirmed.recoveryCode).not.toBe(member.recoveryCode);
    env.clock.advance(30);
    // Enrolled again, the member is back where they were: MFA because they have a factor, not because of the reset.
    const overview = await app.http.get('/v1/me/mfa', { token: confirmed.accessToken });
    expect(overview.body).toMatchObject({ mfaRequired: true, reasons: ['enrolled'] });
    expect((await signIn(app, member.email)).body.status).toBe('mfa_required');

    // RESET-4: audited with support as actor and the note, as a platform event (no company).
    const { rows } = await env.db.query(`SELECT * FROM audit_events WHERE type = 'mfa.reset'`);
    expect(rows).toEqual([
      expect.objectContaining({
        actor_user_id: staff.userId,
        subject_user_id: member.userId,
        company_id: null,
        data: { identityVerified: true, by: 'support', identityCheckNote: NOTE, factorsRevoked: 1, sessionsRevoked: 2 },
      }),
    ]);
    // ABUSE-11: a platform event about a member, caused by someone else, is listed to none of their companies.
    const listed = await app.http.get(`/v1/companies/${company.id}/audit-events?pageSize=100`, { token: adminSession });
    expect(listed.body.items.map((event: { type: string }) => event.type)).not.toContain('mfa.reset');
    const emails = await env.db.query(`SELECT params FROM outbox WHERE kind = 'email' AND purpose = 'mfa_reset' AND user_id = $1`, [
      member.userId,
    ]);
    expect(emails.rows).toEqual([{ params: { resetBy: 'support' } }]);
  });

  it('RESET-5 a user held to MFA by alwaysRequireMfa, in no company at all, is reset by support and enrolls again', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const { reset } = await supportStaff(app);
    expect((await reset(user.email)).body).toMatchObject({ factorsRevoked: 1 });
    const next = await signIn(app, user.email);
    expect(next.body.status).toBe('mfa_enrollment_required');
  });

  it('RESET-5 only support resets here: members, company admins and support without a second factor are refused', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const member = await createEnrolledUser(app, env.clock);
    await addMember(app, company, { id: member.userId } as User);
    const adminSession = await adminToken(app, admin);
    const memberSession = (await signInWithTotp(app, member)).verified.body.accessToken as string;
    env.clock.advance(30);
    for (const token of [adminSession, memberSession]) {
      const response = await app.http.post(
        '/v1/support/mfa-resets',
        { email: member.email, identityVerified: true, identityCheckNote: NOTE },
        { token },
      );
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: 'role_required' });
    }
    // A support user signed in with the password alone (a company with no policy asks nothing more).
    const passwordOnly = await createUser(app, { support: true });
    const session = await signIn(app, passwordOnly.email, PASSWORD);
    expect(session.body.status).toBe('authenticated');
    const refused = await app.http.post(
      '/v1/support/mfa-resets',
      { email: member.email, identityVerified: true, identityCheckNote: NOTE },
      { token: session.body.accessToken },
    );
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 401, code: 'reauthentication_required' });
    expect(
      (await app.http.post('/v1/support/mfa-resets', { email: member.email, identityVerified: true, identityCheckNote: NOTE })).status,
    ).toBe(401);
    const { rows } = await env.db.query(`SELECT count(*)::int AS active FROM factors WHERE user_id = $1 AND status = 'active'`, [
      member.userId,
    ]);
    expect(rows).toEqual([{ active: 1 }]);
  });

  it('RESET-5 the attestation and a note are required; unknown emails are 404; support cannot reset themselves', async () => {
    const app = await env.standard();
    const member = await createEnrolledUser(app, env.clock);
    const { staff, reset } = await supportStaff(app);
    for (const [extra, field] of [
      [{ identityVerified: false }, 'identityVerified'],
      [{ identityCheckNote: undefined }, 'identityCheckNote'],
      [{ identityCheckNote: '   ' }, 'identityCheckNote'],
      [{ identityCheckNote: 'x'.repeat(1001) }, 'identityCheckNote'],
    ] as const) {
      const response = await reset(member.email, extra);
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'validation_failed' });
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    expect(await reset('nobody@example.com')).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await reset(staff.email)).toMatchObject({ status: 403, body: { code: 'cannot_reset_self' } });
    const { rows } = await env.db.query(`SELECT count(*)::int AS resets FROM audit_events WHERE type = 'mfa.reset'`);
    expect(rows).toEqual([{ resets: 0 }]);
  });

  it('RESET-5 ABUSE-12 support resets another support user; copies of the request at once on two instances revoke the factor once', async () => {
    const app = await env.standard();
    const second = await env.start('standard');
    const otherStaff: EnrolledUser = await createEnrolledUser(app, env.clock, { support: true });
    const otherSession = (await signInWithTotp(second, otherStaff)).verified.body.accessToken as string;
    env.clock.advance(30);
    const { reset } = await supportStaff(app);
    const responses = await Promise.all(Array.from({ length: 6 }, (_, index) => reset(otherStaff.email, {}, index % 2 ? second : app)));
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(201));
    expect(responses.reduce((sum, response) => sum + response.body.factorsRevoked, 0)).toBe(1);
    expect(responses.reduce((sum, response) => sum + response.body.sessionsRevoked, 0)).toBe(2);
    for (const instance of [app, second]) {
      expect((await instance.http.get('/v1/sessions/current', { token: otherSession })).body.code).toBe('session_revoked');
    }
    expect((await signIn(app, otherStaff.email)).body.status).toBe('mfa_enrollment_required');
  });
});
