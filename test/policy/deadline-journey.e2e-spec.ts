import { PASSWORD, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { AuthenticatorApp, signInWithTotp } from '../support/mfa';
import { adminToken, createCompanyWithAdmin, createMember, enrollAtSignIn, enrollVoluntarily, setPolicy } from '../support/policy';

/**
 * The "done" story, told as a new company would live it: an admin in Los Angeles schedules MFA for
 * next Monday, members get ready (or not), the deadline binds from its first second, the status report
 * shows who is ready, a member who lost their phone is reset, and the audit list shows all of it.
 */
describe('journey: a company turns on MFA with a deadline', () => {
  const env = useTestEnvironment();

  it('POL-1 POL-2 POL-4 POL-7 LOGIN-2 RESET-1 RESET-2 RESET-4 AUD-2 from scheduling to a reset after a lost phone', async () => {
    const app = await env.standard();
    // Monday 2 March 2026, 01:00 in Los Angeles: the admin schedules MFA for next Monday, their time.
    const { company, admin } = await createCompanyWithAdmin(app, env.clock, { name: 'Acme Builders' });
    const bob = await createMember(app, company, { email: 'bob@acme.example' });
    const dave = await createMember(app, company, { email: 'dave@acme.example' });
    let token = await adminToken(app, admin);
    const policy = await setPolicy(app, token, company.id, { enforcementDate: '2026-03-09', timeZone: 'America/Los_Angeles' });
    // 8 March is the US spring-forward: next Monday starts at 00:00 PDT, 07:00 UTC.
    expect(policy).toMatchObject({ state: 'scheduled', enforcementStartsAt: '2026-03-09T07:00:00.000Z' });

    // Before the deadline: a password is enough, and enrolling is open to whoever wants to get ready.
    const early = await signIn(app, dave.email);
    expect(early.body.status).toBe('authenticated');
    const daveOverview = await app.http.get('/v1/me/mfa', { token: early.body.accessToken });
    expect(daveOverview.body).toMatchObject({
      mfaRequired: false,
      enrollmentAvailable: true,
      enforcement: { companyName: 'Acme Builders', state: 'scheduled' },
    });
    const bobsPhone = await enrollVoluntarily(app, env.clock, bob);

    const status = async (query = '') => (await app.http.get(`/v1/companies/${company.id}/members/mfa-status${query}`, { token })).body;
    expect((await status()).totals).toEqual({ members: 3, enrolled: 2, notEnrolled: 1 });
    expect((await status('?enrolled=false')).items.map((item: { email: string }) => item.email)).toEqual([dave.email]);

    // One second before the deadline Dave still signs in with his password alone…
    env.clock.set('2026-03-09T06:59:59Z');
    expect((await signIn(app, dave.email)).body.status).toBe('authenticated');
    // …and from its first second he must enroll inside the sign-in; Bob proves his app as usual.
    env.clock.set('2026-03-09T07:00:00Z');
    const { session: daveSession } = await enrollAtSignIn(app, env.clock, dave);
    expect(daveSession.accessToken).toEqual(expect.any(String));
    const laptop = (await signInWithTotp(app, bobsPhone)).verified.body;
    env.clock.advance(30);
    const tablet = (await signInWithTotp(app, bobsPhone)).verified.body;

    token = await adminToken(app, admin);
    expect((await status()).totals).toEqual({ members: 3, enrolled: 3, notEnrolled: 0 });

    // Bob loses his phone. The admin checks who is calling, then resets him.
    const reset = await app.http.post(`/v1/companies/${company.id}/mfa-resets`, { email: bob.email, identityVerified: true }, { token });
    expect(reset.status).toBe(201);
    // The password session he enrolled in last week, the laptop's and the tablet's.
    expect(reset.body).toMatchObject({ userId: bob.id, factorsRevoked: 1, sessionsRevoked: 3 });
    for (const session of [laptop, tablet]) {
      expect((await app.http.get('/v1/sessions/current', { token: session.accessToken })).body.code).toBe('session_revoked');
      expect((await app.http.post('/v1/sessions/refresh', { refreshToken: session.refreshToken })).body.code).toBe('session_revoked');
    }

    // At his next sign-in Bob enrolls his new phone; the old one proves nothing any more.
    const again = await signIn(app, bob.email, PASSWORD);
    expect(again.body.status).toBe('mfa_enrollment_required');
    const started = await app.http.post('/v1/enrollments', { factorType: 'totp' }, { token: again.body.mfaToken });
    const newPhone = AuthenticatorApp.fromQrCode(started.body.totp.qrCodePngDataUrl, env.clock);
    expect(newPhone.secret).not.toBe(bobsPhone.app.secret);
    const confirmed = await app.http.post(
      `/v1/enrollments/${started.body.enrollmentId}/confirm`,
      { code: newPhone.code() },
      { token: again.body.mfaToken },
    );
    expect(confirmed.body).toMatchObject({ status: 'authenticated', recoveryCode: expect.any(String) });

    // The audit list tells the story, newest first.
    const events = (await app.http.get(`/v1/companies/${company.id}/audit-events?pageSize=100`, { token })).body.items;
    const story = events
      .filter((event: { type: string }) =>
        ['policy.changed', 'enrollment.confirmed', 'sign_in.enrollment_required', 'mfa.reset'].includes(event.type),
      )
      .map((event: { type: string; subjectEmail: string | null }) => `${event.type} ${event.subjectEmail ?? company.name}`)
      .reverse();
    expect(story).toEqual([
      `sign_in.enrollment_required ${admin.email}`,
      `enrollment.confirmed ${admin.email}`,
      `policy.changed ${company.name}`,
      `enrollment.confirmed ${bob.email}`,
      `sign_in.enrollment_required ${dave.email}`,
      `enrollment.confirmed ${dave.email}`,
      `mfa.reset ${bob.email}`,
      `sign_in.enrollment_required ${bob.email}`,
      `enrollment.confirmed ${bob.email}`,
    ]);
    expect(events.find((event: { type: string }) => event.type === 'mfa.reset')).toMatchObject({
      actorEmail: admin.email,
      data: { identityVerified: true },
    });
  });
});
