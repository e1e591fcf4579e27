import { DataSource } from 'typeorm';
import { addMember, createCompany, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { adminToken, createCompanyWithAdmin, createMember, setPolicy } from '../support/policy';

describe('company audit events', () => {
  const env = useTestEnvironment();

  it('AUD-2 a company admin pages through the company’s events, newest first, and only those', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, admin);
    const member = await createMember(app, company);
    const leaver = await createMember(app, company);
    await addMember(app, company, leaver, { status: 'inactive' });
    const outsider = await createMember(app, await createCompany(app));
    const other = await createCompanyWithAdmin(app, env.clock);
    await setPolicy(app, await adminToken(app, other.admin), other.company.id, { enforcementDate: '2026-03-20', timeZone: 'UTC' });
    const before = Number((await env.db.query(`SELECT max(id) AS id FROM audit_events`)).rows[0].id);

    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-20', timeZone: 'UTC' });
    await signIn(app, member.email);
    await signIn(app, leaver.email);
    await signIn(app, outsider.email);
    await signIn(app, member.email, 'wrong password');

    const list = (query: string) => app.http.get(`/v1/companies/${company.id}/audit-events${query}`, { token });
    const first = await list('?pageSize=2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(first.body.items).toEqual([
      expect.objectContaining({
        type: 'sign_in.failed',
        subjectUserId: member.id,
        subjectEmail: member.email,
        companyId: null,
        ip: '127.0.0.1',
      }),
      expect.objectContaining({ type: 'sign_in.succeeded', subjectUserId: member.id }),
    ]);
    const second = await list('?pageSize=2&page=2');
    expect(second.body.items[0]).toMatchObject({
      type: 'policy.changed',
      actorUserId: admin.userId,
      actorEmail: admin.email,
      companyId: company.id,
      data: { version: 1, before: null, after: expect.objectContaining({ enforcementDate: '2026-03-20' }) },
    });
    const everything = (await list('?pageSize=100')).body;
    const ids = everything.items.map((item: { id: string }) => Number(item.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(everything.total).toBe(everything.items.length);
    // The company's own events, and events about no company whose subject is an active member: never the
    // leaver's, the outsider's or the other company's.
    for (const item of everything.items) {
      expect(item.companyId === company.id || (item.companyId === null && [member.id, admin.userId].includes(item.subjectUserId))).toBe(
        true,
      );
    }
    expect(everything.items.filter((item: { id: string }) => Number(item.id) > before).map((item: { type: string }) => item.type)).toEqual([
      'sign_in.failed',
      'sign_in.succeeded',
      'policy.changed',
    ]);
  });

  it('AUD-2 SEC-3 SEC-2 only the company’s admins see the events; page and pageSize are validated', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const member = await createMember(app, company);
    const memberToken = (await signIn(app, member.email)).body.accessToken;
    expect((await app.http.get(`/v1/companies/${company.id}/audit-events`, { token: memberToken })).status).toBe(404);
    const token = await adminToken(app, admin);
    for (const query of ['?page=0', '?pageSize=101', '?page=x', '?type=mfa.reset']) {
      expect((await app.http.get(`/v1/companies/${company.id}/audit-events${query}`, { token })).status).toBe(400);
    }
  });

  it('AUD-2 the database refuses to UPDATE or DELETE audit rows, even for the application’s own connection', async () => {
    const app = await env.standard();
    const member = await createMember(app, await createCompany(app));
    await signIn(app, member.email);
    const db = app.get(DataSource);
    const [row] = await db.query(`SELECT id, type FROM audit_events WHERE subject_user_id = $1`, [member.id]);
    await expect(db.query(`UPDATE audit_events SET type = 'sign_in.failed' WHERE id = $1`, [row.id])).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(db.query(`DELETE FROM audit_events WHERE id = $1`, [row.id])).rejects.toThrow(/append-only: DELETE/);
    expect(await db.query(`SELECT id, type FROM audit_events WHERE id = $1`, [row.id])).toEqual([row]);
  });
});
