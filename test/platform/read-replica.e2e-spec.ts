import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PASSWORD } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { EnrolledUser } from '../support/mfa';
import { PageClient } from '../support/page-client';
import { adminToken, createCompanyWithAdmin, createMember, setPolicy } from '../support/policy';
import { testConfig, workerId } from '../support/test-config';
import { createExtraDatabase, truncateAll } from '../support/test-database';

/**
 * REL-4 without a streaming replica: DATABASE_READ_URL names a second database of this worker whose rows
 * differ from the primary's. What a report shows says which database it read; where a write lands says
 * which one took it.
 */
describe('REL-4 the read replica for reports', () => {
  const env = useTestEnvironment();
  let replicaUrl: string;
  let replica: Client;

  beforeAll(async () => {
    replicaUrl = await createExtraDatabase(process.env.SITEPASS_TEST_RUN!, workerId(), 'replica');
    replica = new Client({ connectionString: replicaUrl });
    await replica.connect();
  });
  beforeEach(() => truncateAll(replica));
  afterAll(() => replica.end());

  /** On the replica only: the company, a member the primary does not have, and an event of its own. */
  async function seedReplica(companyId: string): Promise<{ email: string }> {
    const userId = randomUUID();
    const email = 'replica-only@example.com';
    await replica.query(`INSERT INTO companies (id, name, created_at, updated_at) VALUES ($1, 'Replica copy', now(), now())`, [companyId]);
    await replica.query(`INSERT INTO users (id, email, created_at, updated_at) VALUES ($1, $2, now(), now())`, [userId, email]);
    await replica.query(
      `INSERT INTO memberships (user_id, company_id, role, created_at, updated_at) VALUES ($1, $2, 'member', now(), now())`,
      [userId, companyId],
    );
    await replica.query(`INSERT INTO audit_events (occurred_at, type, company_id, data) VALUES (now(), 'policy.changed', $1, $2)`, [
      companyId,
      { marker: 'replica' },
    ]);
    return { email };
  }

  async function countRows(client: Pick<Client, 'query'>, table: string): Promise<number> {
    return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  }

  /** A page session of the admin, as a browser gets one, for the CSV. */
  async function pageSession(app: RunningApp, admin: EnrolledUser, next: string): Promise<PageClient> {
    const browser = new PageClient(app.http.baseUrl);
    await browser.get(`/signin?next=${encodeURIComponent(next)}`);
    await browser.follow(await browser.submit('/signin', { email: admin.email, password: PASSWORD }));
    expect(await browser.submit('/signin/verify', { code: admin.app.code() })).toMatchObject({ status: 303, location: next });
    return browser;
  }

  it('REL-4 POL-7 AUD-2 the member status, its CSV and the audit list read the replica; sign-ins, the admin check and writes use the primary', async () => {
    const app = await env.start('standard', { DATABASE_READ_URL: replicaUrl });
    // Through the app, so on the primary: the replica has neither the admin nor their membership, so the
    // sign-in and the admin check below succeed only on the primary.
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, admin);
    await createMember(app, company, { email: 'primary-only@example.com' });
    const fromReplica = await seedReplica(company.id);

    const status = await app.http.get(`/v1/companies/${company.id}/members/mfa-status`, { token });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ total: 1, totals: { members: 1, enrolled: 0, notEnrolled: 1 } });
    expect(status.body.items.map((item: { email: string }) => item.email)).toEqual([fromReplica.email]);

    const audit = await app.http.get(`/v1/companies/${company.id}/audit-events?pageSize=100`, { token });
    expect(audit.status).toBe(200);
    expect(audit.body).toMatchObject({
      total: 1,
      items: [expect.objectContaining({ type: 'policy.changed', data: { marker: 'replica' } })],
    });

    env.clock.advance(30);
    const members = `/admin/companies/${company.id}/members`;
    const csv = await (await pageSession(app, admin, members)).download(`${members}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.bytes.subarray(3).toString('utf8').split('\r\n').slice(1, -1)).toEqual([`"${fromReplica.email}","member","","false",""`]);

    // Writes go to the primary: the policy, the admin's factor, sessions and their audit events.
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-20', timeZone: 'UTC' });
    expect(await countRows(env.db, 'company_policies')).toBe(1);
    expect(await countRows(env.db, 'sessions')).toBeGreaterThanOrEqual(2);
    for (const table of ['company_policies', 'sessions', 'factors'])
      expect({ table, rows: await countRows(replica, table) }).toEqual({ table, rows: 0 });
    expect(await countRows(replica, 'audit_events')).toBe(1);

    // Without DATABASE_READ_URL the same report reads the primary.
    const plain = await env.standard();
    const fromPrimary = await plain.http.get(`/v1/companies/${company.id}/members/mfa-status`, { token });
    expect(fromPrimary.body.items.map((item: { email: string }) => item.email).sort()).toEqual(
      [admin.email, 'primary-only@example.com'].sort(),
    );
  });

  it('REL-4 DATABASE_POOL_SIZE caps the connections of each pool, the primary’s and the replica’s', async () => {
    const name = (pool: string) => `rel4-${pool}-${process.env.SITEPASS_TEST_RUN}-${workerId()}`;
    const app = await env.start('standard', {
      DATABASE_URL: `${testConfig().databaseUrl}?application_name=${name('primary')}`,
      DATABASE_READ_URL: `${replicaUrl}?application_name=${name('replica')}`,
      DATABASE_POOL_SIZE: '2',
    });
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, admin);
    await seedReplica(company.id);
    // Each report sends its two queries to the replica at once: 24 at a time want more than 2 connections.
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => app.http.get(`/v1/companies/${company.id}/members/mfa-status`, { token })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
    const { rows } = await env.db.query<{ application_name: string; n: number }>(
      `SELECT application_name, count(*)::int AS n FROM pg_stat_activity WHERE application_name = ANY($1) GROUP BY 1`,
      [[name('primary'), name('replica')]],
    );
    const connections = Object.fromEntries(rows.map((row) => [row.application_name, row.n]));
    // Idle connections stay open (5 minutes), so these are all the pools opened.
    expect(connections[name('replica')]).toBe(2);
    expect(connections[name('primary')]).toBeGreaterThanOrEqual(1);
    expect(connections[name('primary')]).toBeLessThanOrEqual(2);
  });
});
