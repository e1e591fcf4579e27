import { addMember, createCompany, createUser, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { signInWithTotp } from '../support/mfa';
import { adminToken, createCompanyWithAdmin, createMember, enrollVoluntarily, setPolicy } from '../support/policy';

describe('members’ MFA status for company admins', () => {
  const env = useTestEnvironment();

  async function scheduledCompany() {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, admin);
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-16', timeZone: 'UTC' });
    const status = (query = '') => app.http.get(`/v1/companies/${company.id}/members/mfa-status${query}`, { token });
    return { app, company, admin, token, status };
  }

  it('POL-7 lists the active members with role, factor types and last MFA time, and the totals of who is ready', async () => {
    const { app, company, admin, status } = await scheduledCompany();
    const ready = await enrollVoluntarily(app, env.clock, await createMember(app, company, { email: 'b-ready@example.com' }));
    await signInWithTotp(app, ready);
    const readyMfaAt = env.clock.now().toISOString();
    const waiting = await createMember(app, company, { email: 'c-waiting@example.com' });
    const response = await status();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        { userId: admin.userId, email: admin.email, role: 'admin', factorTypes: ['totp'], enrolled: true, lastMfaAt: expect.any(String) },
        { userId: ready.userId, email: ready.email, role: 'member', factorTypes: ['totp'], enrolled: true, lastMfaAt: readyMfaAt },
        { userId: waiting.id, email: waiting.email, role: 'member', factorTypes: [], enrolled: false, lastMfaAt: null },
      ].sort((a, b) => a.email.localeCompare(b.email)),
      page: 1,
      pageSize: 20,
      total: 3,
      totals: { members: 3, enrolled: 2, notEnrolled: 1 },
    });
  });

  it('POL-7 DIR-5 leaves out inactive members, inactive users, SSO users and other companies’ members', async () => {
    const { app, company, status } = await scheduledCompany();
    await createMember(app, company);
    const leaver = await createMember(app, company);
    await addMember(app, company, leaver, { status: 'inactive' });
    await createMember(app, company, { status: 'inactive' });
    const idp = await createCompany(app, { ssoDomains: ['sso-builder.example'] });
    const ssoUser = await createUser(app, { email: 'sam@sso-builder.example' });
    await addMember(app, idp, ssoUser);
    await addMember(app, company, ssoUser);
    await createMember(app, await createCompany(app));
    const { body } = await status();
    expect(body.totals).toEqual({ members: 2, enrolled: 1, notEnrolled: 1 });
    expect(body.items.map((item: { email: string }) => item.email)).not.toContain(ssoUser.email);
  });

  it('POL-7 enrolled=false lists only the members not enrolled yet, a page at a time', async () => {
    const { app, company, status } = await scheduledCompany();
    for (const name of ['d', 'e', 'f', 'g', 'h']) await createMember(app, company, { email: `${name}-waiting@example.com` });
    await enrollVoluntarily(app, env.clock, await createMember(app, company, { email: 'a-ready@example.com' }));
    const second = await status('?enrolled=false&page=2&pageSize=2');
    expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 5, totals: { members: 7, enrolled: 2, notEnrolled: 5 } });
    expect(second.body.items.map((item: { email: string }) => item.email)).toEqual(['f-waiting@example.com', 'g-waiting@example.com']);
    const enrolledOnly = await status('?enrolled=true');
    expect(enrolledOnly.body.items.every((item: { enrolled: boolean }) => item.enrolled)).toBe(true);
    expect(enrolledOnly.body.total).toBe(2);
    expect((await status('?enrolled=false&page=9')).body).toMatchObject({ items: [], total: 5 });
  });

  it('POL-7 SEC-2 refuses a bad page, page size or filter with 400 validation_failed', async () => {
    const { status } = await scheduledCompany();
    for (const query of [
      '?page=0',
      '?page=1.5',
      '?page=abc',
      '?pageSize=0',
      '?pageSize=101',
      '?enrolled=maybe',
      '?page=1&page=2',
      '?sort=email',
    ]) {
      const response = await status(query);
      expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 'validation_failed' });
    }
  });

  it('POL-7 SEC-3 members and other companies’ admins get 404', async () => {
    const { app, company } = await scheduledCompany();
    const member = await createMember(app, company);
    const memberToken = (await signIn(app, member.email)).body.accessToken;
    const other = await createCompanyWithAdmin(app, env.clock);
    const otherToken = await adminToken(app, other.admin);
    for (const token of [memberToken, otherToken]) {
      expect((await app.http.get(`/v1/companies/${company.id}/members/mfa-status`, { token })).status).toBe(404);
    }
  });
});
