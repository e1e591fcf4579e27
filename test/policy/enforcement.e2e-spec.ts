import { addMember, createCompany, createUser, PASSWORD, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { signInWithTotp } from '../support/mfa';
import { adminToken, createCompanyWithAdmin, createMember, enrollAtSignIn, enrollVoluntarily, setPolicy } from '../support/policy';

const DAY = 24 * 3600;

describe('enforcement of company policies at sign-in', () => {
  const env = useTestEnvironment();

  async function companyWithPolicy(body: { enforcementDate: string; timeZone: string; reauthInterval?: string }) {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const policy = await setPolicy(app, await adminToken(app, admin), company.id, body);
    return { app, company, admin, policy };
  }

  describe('POL-2 the first second of the enforcement date in the admin’s time zone', () => {
    it.each([
      [
        'America/Los_Angeles',
        '2026-03-09',
        '2026-03-02T09:00:00Z',
        '2026-03-09T07:00:00.000Z',
        'the day after the US spring-forward (PDT)',
      ],
      ['Asia/Tokyo', '2026-03-10', '2026-03-02T09:00:00Z', '2026-03-09T15:00:00.000Z', 'no daylight saving'],
      ['Pacific/Auckland', '2026-03-10', '2026-03-02T09:00:00Z', '2026-03-09T11:00:00.000Z', 'New Zealand summer time (NZDT)'],
      [
        'Pacific/Auckland',
        '2026-04-06',
        '2026-03-30T09:00:00Z',
        '2026-04-05T12:00:00.000Z',
        'the day after New Zealand’s fall-back (NZST)',
      ],
      ['Europe/Paris', '2026-10-26', '2026-10-20T09:00:00Z', '2026-10-25T23:00:00.000Z', 'the day after the EU fall-back (CET)'],
    ])(
      'POL-2 LOGIN-2 POL-4 %s, %s (saved at %s): password and voluntary enrollment until 1 s before %s, enrollment required from then (%s)',
      async (timeZone, enforcementDate, savedAt, instant) => {
        env.clock.set(savedAt);
        const { app, company, policy } = await companyWithPolicy({ enforcementDate, timeZone });
        expect(policy).toMatchObject({ state: 'scheduled', enforcementStartsAt: instant });
        const member = await createMember(app, company);

        env.clock.set(new Date(new Date(instant).getTime() - 1000));
        const before = await signIn(app, member.email);
        expect(before.body.status).toBe('authenticated');
        const overview = await app.http.get('/v1/me/mfa', { token: before.body.accessToken });
        expect(overview.body).toMatchObject({
          mfaRequired: false,
          enrollmentAvailable: true,
          enforcement: { companyId: company.id, companyName: company.name, state: 'scheduled', enforcementStartsAt: instant },
        });
        const voluntary = await app.http.post(
          '/v1/enrollments',
          { factorType: 'totp', currentPassword: PASSWORD },
          { token: before.body.accessToken },
        );
        expect(voluntary.status).toBe(201);

        env.clock.set(instant);
        const at = await signIn(app, member.email);
        expect(at.body).toMatchObject({ status: 'mfa_enrollment_required', allowedFactorTypes: ['totp', 'sms'] });
        // The password session from before the deadline cannot be refreshed into an MFA-less session.
        expect((await app.http.post('/v1/sessions/refresh', { refreshToken: before.body.refreshToken })).body.code).toBe(
          'mfa_reauth_required',
        );
      },
    );
  });

  it('POL-4 voluntary enrollment opens when a policy is scheduled and closes again when it is turned off', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, admin);
    const member = await createMember(app, company);
    const enroll = async () => {
      const { accessToken } = (await signIn(app, member.email)).body;
      return app.http.post('/v1/enrollments', { factorType: 'totp', currentPassword: PASSWORD }, { token: accessToken });
    };
    expect((await enroll()).body.code).toBe('enrollment_not_available');
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-20', timeZone: 'UTC' });
    expect((await enroll()).status).toBe(201);
    await setPolicy(app, token, company.id, { required: false, enforcementDate: '2026-03-20', timeZone: 'UTC' });
    expect((await enroll()).body.code).toBe('enrollment_not_available');
  });

  it('LOGIN-2 before the deadline a voluntarily enrolled member proves MFA at every sign-in', async () => {
    const { app, company } = await companyWithPolicy({ enforcementDate: '2026-03-20', timeZone: 'UTC' });
    const member = await enrollVoluntarily(app, env.clock, await createMember(app, company));
    expect((await signIn(app, member.email)).body.status).toBe('mfa_required');
    const { accessToken } = (await signInWithTotp(app, member)).verified.body;
    const overview = await app.http.get('/v1/me/mfa', { token: accessToken });
    expect(overview.body).toMatchObject({ mfaRequired: true, reasons: ['enrolled'], enforcement: { state: 'scheduled' } });
  });

  it('POL-5 a member of several companies is challenged if any one of them enforces MFA', async () => {
    const { app, company: enforcing } = await companyWithPolicy({ enforcementDate: '2026-03-02', timeZone: 'UTC' });
    const relaxed = await createCompany(app);
    const both = await createMember(app, relaxed);
    await addMember(app, enforcing, both);
    const relaxedOnly = await createMember(app, relaxed);
    expect((await signIn(app, both.email)).body.status).toBe('mfa_enrollment_required');
    expect((await signIn(app, relaxedOnly.email)).body.status).toBe('authenticated');
  });

  it('LOGIN-2 an inactive membership in an enforcing company does not count', async () => {
    const { app, company } = await companyWithPolicy({ enforcementDate: '2026-03-02', timeZone: 'UTC' });
    const former = await createUser(app);
    await addMember(app, company, former, { status: 'inactive' });
    expect((await signIn(app, former.email)).body.status).toBe('authenticated');
    await addMember(app, company, former, { status: 'active' });
    expect((await signIn(app, former.email)).body.status).toBe('mfa_enrollment_required');
  });

  it('POL-6 an enforcing company’s 7d interval: refreshes and a trusted device last 7 days after the MFA', async () => {
    const { app, company } = await companyWithPolicy({ enforcementDate: '2026-03-02', timeZone: 'UTC', reauthInterval: '7d' });
    const { member } = await enrollAtSignIn(app, env.clock, await createMember(app, company));
    const { refreshToken, deviceToken } = (await signInWithTotp(app, member)).verified.body;
    env.clock.advance(7 * DAY - 60);
    const refreshed = await app.http.post('/v1/sessions/refresh', { refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await signIn(app, member.email, PASSWORD, { deviceToken })).body.status).toBe('authenticated');
    env.clock.advance(61);
    expect((await app.http.post('/v1/sessions/refresh', { refreshToken: refreshed.body.refreshToken })).body.code).toBe(
      'mfa_reauth_required',
    );
    expect((await signIn(app, member.email, PASSWORD, { deviceToken })).body.status).toBe('mfa_required');
  });

  it('POL-6 every_login trusts no device; the session still refreshes for 12 hours after its MFA', async () => {
    const { app, company } = await companyWithPolicy({ enforcementDate: '2026-03-02', timeZone: 'UTC', reauthInterval: 'every_login' });
    const { member } = await enrollAtSignIn(app, env.clock, await createMember(app, company));
    const { verified } = await signInWithTotp(app, member);
    expect(verified.body.deviceToken).toBeUndefined();
    env.clock.advance(12 * 3600 - 60);
    const refreshed = await app.http.post('/v1/sessions/refresh', { refreshToken: verified.body.refreshToken });
    expect(refreshed.status).toBe(200);
    env.clock.advance(61);
    expect((await app.http.post('/v1/sessions/refresh', { refreshToken: refreshed.body.refreshToken })).body.code).toBe(
      'mfa_reauth_required',
    );
  });

  it('POL-6 a member of two enforcing companies gets the shorter interval; scheduled companies do not count yet', async () => {
    const { app, company: monthly } = await companyWithPolicy({ enforcementDate: '2026-03-02', timeZone: 'UTC', reauthInterval: '30d' });
    const { company: weekly } = await companyWithPolicy({ enforcementDate: '2026-03-02', timeZone: 'UTC', reauthInterval: '7d' });
    const { company: strictLater } = await companyWithPolicy({
      enforcementDate: '2026-04-01',
      timeZone: 'UTC',
      reauthInterval: 'every_login',
    });
    const member = await createMember(app, monthly);
    await addMember(app, weekly, member);
    await addMember(app, strictLater, member);
    const { session } = await enrollAtSignIn(app, env.clock, member);
    const overview = await app.http.get('/v1/me/mfa', { token: session.accessToken });
    expect(overview.body).toMatchObject({ mfaRequired: true, reasons: ['company_policy', 'enrolled'], reauthIntervalSeconds: 7 * DAY });
    expect(overview.body.enforcement).toMatchObject({ state: 'enforced', reauthInterval: '30d' });
  });

  it('POL-6 a member enrolled only voluntarily re-authenticates every 12 hours, whatever the scheduled interval', async () => {
    const { app, company } = await companyWithPolicy({ enforcementDate: '2026-04-01', timeZone: 'UTC', reauthInterval: '30d' });
    const member = await enrollVoluntarily(app, env.clock, await createMember(app, company));
    const { accessToken } = (await signInWithTotp(app, member)).verified.body;
    expect((await app.http.get('/v1/me/mfa', { token: accessToken })).body).toMatchObject({
      reasons: ['enrolled'],
      reauthIntervalSeconds: 12 * 3600,
    });
  });

  it('DIR-5 an SSO member of an enforcing company is sent to the identity provider, never asked to enroll here', async () => {
    const { app, company } = await companyWithPolicy({ enforcementDate: '2026-03-02', timeZone: 'UTC' });
    const idp = await createCompany(app, { ssoDomains: ['sso-builder.example'] });
    const ssoUser = await createUser(app, { email: 'sam@sso-builder.example' });
    await addMember(app, idp, ssoUser);
    await addMember(app, company, ssoUser);
    const response = await signIn(app, ssoUser.email);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('sso_required');
  });
});
