import { randomUUID } from 'node:crypto';
import { addMember, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { signInWithTotp } from '../support/mfa';
import { adminToken, createCompanyWithAdmin, createMember, enrollVoluntarily, putPolicy, setPolicy } from '../support/policy';

describe('company MFA policy', () => {
  const env = useTestEnvironment();

  async function adminOfNewCompany() {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    return { app, company, admin, token: await adminToken(app, admin) };
  }

  it('POL-1 a company admin sets the policy and reads it back; the interval defaults to 12h', async () => {
    const { app, company, admin, token } = await adminOfNewCompany();
    const saved = await putPolicy(app, token, company.id, { enforcementDate: '2026-03-09', timeZone: 'America/Los_Angeles' });
    expect(saved.status).toBe(200);
    const expected = {
      companyId: company.id,
      required: true,
      enforcementDate: '2026-03-09',
      timeZone: 'America/Los_Angeles',
      reauthInterval: '12h',
      state: 'scheduled',
      enforcementStartsAt: '2026-03-09T07:00:00.000Z',
      version: 1,
      updatedBy: admin.userId,
      updatedAt: env.clock.now().toISOString(),
    };
    expect(saved.body).toEqual(expected);
    expect((await app.http.get(`/v1/companies/${company.id}/mfa-policy`, { token })).body).toEqual(expected);
  });

  it('POL-3 a company that never set a policy is off', async () => {
    const { app, company, token } = await adminOfNewCompany();
    const response = await app.http.get(`/v1/companies/${company.id}/mfa-policy`, { token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ companyId: company.id, required: false, state: 'off', enforcementStartsAt: null, version: 0 });
  });

  it('POL-1 SEC-3 members, inactive admins, other companies’ admins and unknown companies all get 404', async () => {
    const { app, company } = await adminOfNewCompany();
    const member = await createMember(app, company);
    const memberToken = (await signIn(app, member.email)).body.accessToken;
    const other = await createCompanyWithAdmin(app, env.clock);
    const otherToken = await adminToken(app, other.admin);
    const formerAdmin = await createMember(app, company);
    await addMember(app, company, formerAdmin, { role: 'admin', status: 'inactive' });
    const formerToken = (await signIn(app, formerAdmin.email)).body.accessToken;
    const body = { required: true, enforcementDate: '2026-03-09', timeZone: 'UTC' };
    for (const token of [memberToken, otherToken, formerToken]) {
      expect((await app.http.get(`/v1/companies/${company.id}/mfa-policy`, { token })).status).toBe(404);
      const put = await app.http.put(`/v1/companies/${company.id}/mfa-policy`, body, { token });
      expect(put.status).toBe(404);
      expect(put.body.code).toBe('not_found');
    }
    expect((await app.http.get(`/v1/companies/${randomUUID()}/mfa-policy`, { token: otherToken })).status).toBe(404);
    expect((await app.http.get(`/v1/companies/not-a-uuid/mfa-policy`, { token: otherToken })).status).toBe(400);
    expect((await app.http.get(`/v1/companies/${company.id}/mfa-policy`)).status).toBe(401);
  });

  it('POL-1 SEC-2 refuses unknown zones, offsets, impossible dates, unknown intervals and fields with 400', async () => {
    const { app, company, token } = await adminOfNewCompany();
    const valid = { required: true, enforcementDate: '2026-03-09', timeZone: 'Asia/Tokyo' };
    const invalid: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ ...valid, timeZone: '+09:00' }, 'timeZone'],
      [{ ...valid, enforcementDate: '2026-02-30' }, 'enforcementDate'],
      [{ ...valid, enforcementDate: '03/09/2026' }, 'enforcementDate'],
      [{ ...valid, reauthInterval: '1h' }, 'reauthInterval'],
      [{ ...valid, required: 'yes' }, 'required'],
      [{ enforcementDate: '2026-03-09', timeZone: 'Asia/Tokyo' }, 'required'],
      [{ ...valid, projects: ['p1'] }, 'projects'],
    ];
    for (const [body, field] of invalid) {
      const response = await app.http.put(`/v1/companies/${company.id}/mfa-policy`, body, { token });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect((await app.http.get(`/v1/companies/${company.id}/mfa-policy`, { token })).body.version).toBe(0);
  });

  it('POL-2 a date before today in the admin’s zone is refused; today is allowed and enforces at once', async () => {
    // 20:00 UTC on 2 March is already 3 March in Auckland but still 2 March in Los Angeles.
    env.clock.set('2026-03-02T20:00:00Z');
    const { app, company, token } = await adminOfNewCompany();
    const yesterdayInAuckland = await putPolicy(app, token, company.id, { enforcementDate: '2026-03-02', timeZone: 'Pacific/Auckland' });
    expect(yesterdayInAuckland.status).toBe(422);
    expect(yesterdayInAuckland.body).toMatchObject({ code: 'invalid_enforcement_date', today: '2026-03-03' });

    const todayInLosAngeles = await putPolicy(app, token, company.id, { enforcementDate: '2026-03-02', timeZone: 'America/Los_Angeles' });
    expect(todayInLosAngeles.body).toMatchObject({ state: 'enforced', enforcementStartsAt: '2026-03-02T08:00:00.000Z' });
    const todayInAuckland = await putPolicy(app, token, company.id, { enforcementDate: '2026-03-03', timeZone: 'Pacific/Auckland' });
    expect(todayInAuckland.body).toMatchObject({ state: 'enforced', enforcementStartsAt: '2026-03-02T11:00:00.000Z', version: 2 });
  });

  it('POL-2 the date can be moved and saved again; every save increments the version', async () => {
    const { app, company, token } = await adminOfNewCompany();
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-09', timeZone: 'Asia/Tokyo' });
    const later = await setPolicy(app, token, company.id, { enforcementDate: '2026-03-16', timeZone: 'Asia/Tokyo' });
    expect(later).toMatchObject({ version: 2, state: 'scheduled', enforcementStartsAt: '2026-03-15T15:00:00.000Z' });
    const earlier = await setPolicy(app, token, company.id, {
      enforcementDate: '2026-03-05',
      timeZone: 'Asia/Tokyo',
      reauthInterval: '7d',
    });
    expect(earlier).toMatchObject({ version: 3, reauthInterval: '7d', enforcementStartsAt: '2026-03-04T15:00:00.000Z' });
    const { rows } = await env.db.query(`SELECT version, enforcement_date::text AS date FROM company_policies WHERE company_id = $1`, [
      company.id,
    ]);
    expect(rows).toEqual([{ version: 3, date: '2026-03-05' }]);
  });

  it('POL-2 an enforced policy saved again with its date unchanged stays enforced; turning it off takes any date', async () => {
    const { app, company, admin, token } = await adminOfNewCompany();
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-02', timeZone: 'UTC' });
    env.clock.advance(3 * 24 * 3600);
    const fresh = await adminToken(app, admin);
    const interval = await putPolicy(app, fresh, company.id, {
      enforcementDate: '2026-03-02',
      timeZone: 'UTC',
      reauthInterval: 'every_login',
    });
    expect(interval.body).toMatchObject({ state: 'enforced', reauthInterval: 'every_login', version: 2 });
    const movedBack = await putPolicy(app, fresh, company.id, { enforcementDate: '2026-03-01', timeZone: 'UTC' });
    expect(movedBack.body.code).toBe('invalid_enforcement_date');
    const off = await putPolicy(app, fresh, company.id, { required: false, enforcementDate: '2026-03-02', timeZone: 'UTC' });
    expect(off.body).toMatchObject({ required: false, state: 'off', version: 3 });
    const backOn = await putPolicy(app, fresh, company.id, { enforcementDate: '2026-03-02', timeZone: 'UTC' });
    expect(backOn.body.code).toBe('invalid_enforcement_date');
  });

  it('POL-3 LOGIN-2 turning the policy off keeps members’ factors: the enrolled keep using MFA, the others do not', async () => {
    const { app, company, token } = await adminOfNewCompany();
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-09', timeZone: 'UTC' });
    const enrolled = await enrollVoluntarily(app, env.clock, await createMember(app, company));
    const unenrolled = await createMember(app, company);
    await setPolicy(app, token, company.id, { required: false, enforcementDate: '2026-03-09', timeZone: 'UTC' });
    expect((await signIn(app, enrolled.email)).body.status).toBe('mfa_required');
    expect((await signInWithTotp(app, enrolled)).verified.status).toBe(200);
    expect((await signIn(app, unenrolled.email)).body.status).toBe('authenticated');
    const { rows } = await env.db.query(`SELECT status FROM factors WHERE user_id = $1`, [enrolled.userId]);
    expect(rows).toEqual([{ status: 'active' }]);
  });

  it('AUD-1 records every policy change with the actor, the company and the old and new values', async () => {
    const { app, company, admin, token } = await adminOfNewCompany();
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-09', timeZone: 'Europe/Paris' });
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-16', timeZone: 'Europe/Paris', reauthInterval: '30d' });
    const { rows } = await env.db.query(
      `SELECT actor_user_id, company_id, data FROM audit_events WHERE type = 'policy.changed' ORDER BY id`,
    );
    const first = {
      required: true,
      enforcementDate: '2026-03-09',
      timeZone: 'Europe/Paris',
      reauthInterval: '12h',
      enforcementStartsAt: '2026-03-08T23:00:00.000Z',
    };
    expect(rows).toEqual([
      { actor_user_id: admin.userId, company_id: company.id, data: { version: 1, before: null, after: first } },
      {
        actor_user_id: admin.userId,
        company_id: company.id,
        data: {
          version: 2,
          before: first,
          after: { ...first, enforcementDate: '2026-03-16', reauthInterval: '30d', enforcementStartsAt: '2026-03-15T23:00:00.000Z' },
        },
      },
    ]);
  });
});
