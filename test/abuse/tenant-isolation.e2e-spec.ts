import { addMember } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { ApiResponse } from '../support/http-client';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { createPayUser, enrollAtPaySignIn } from '../support/pay';
import { adminToken, CompanyWithAdmin, createCompanyWithAdmin, createMember, enrollAtSignIn, setPolicy } from '../support/policy';
import { User } from '@sitepass/database';

/** One response an admin of company B was given, and what they asked for. */
interface Seen {
  what: string;
  response: ApiResponse;
}

/**
 * Everything company B's admin reads about the company, as an admin console polls it: the audit list
 * whole and page by page, the member status (all, and the not-enrolled), the policy.
 */
function companyReads(app: RunningApp, label: string, companyId: string, token: string): Array<Promise<Seen>> {
  const read = (path: string) =>
    app.http.get(`/v1/companies/${companyId}${path}`, { token }).then((response) => ({ what: `${label} GET ${path}`, response }));
  return [
    read('/audit-events?pageSize=100'),
    ...[1, 2, 3, 4].map((page) => read(`/audit-events?pageSize=5&page=${page}`)),
    read('/members/mfa-status?pageSize=100'),
    read('/members/mfa-status?enrolled=false'),
    read('/mfa-policy'),
  ];
}

/** The same reads, several times over, on each instance: they interleave with whatever else is in flight. */
function companyReadsOn(apps: RunningApp[], companyId: string, token: string, rounds = 3): Array<Promise<Seen>> {
  return Array.from({ length: rounds }, () =>
    apps.flatMap((app, index) => companyReads(app, `instance ${index + 1}`, companyId, token)),
  ).flat();
}

/** Each forbidden value found in any response, as "<request> showed <name>" (once each); empty when nothing leaked. */
function leaks(seen: Seen[], forbidden: Record<string, string>): string[] {
  const found = seen.flatMap(({ what, response }) => {
    const text = JSON.stringify(response.body);
    return Object.entries(forbidden)
      .filter(([, value]) => text.includes(value))
      .map(([name]) => `${what} showed ${name}`);
  });
  return [...new Set(found)];
}

function failedReads(seen: Seen[]): string[] {
  return seen
    .filter(({ response }) => response.status !== 200)
    .map(({ what, response }) => `${what}: ${response.status} ${JSON.stringify(response.body)}`);
}

async function auditItems(app: RunningApp, companyId: string, token: string): Promise<Array<Record<string, unknown>>> {
  const response = await app.http.get(`/v1/companies/${companyId}/audit-events?pageSize=100`, { token });
  expect(response.status).toBe(200);
  expect(response.body.total).toBe(response.body.items.length);
  return response.body.items;
}

describe('ABUSE-11 tenant isolation', () => {
  const env = useTestEnvironment();

  /** Company B, whose admin watches, with a scheduled policy of its own and an MFA session on `app`. */
  async function watchingCompany(app: RunningApp): Promise<CompanyWithAdmin & { token: string }> {
    const company = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, company.admin);
    await setPolicy(app, token, company.company.id, { enforcementDate: '2026-03-20', timeZone: 'UTC' });
    return { ...company, token };
  }

  it('ABUSE-11 AUD-2 RESET-4 company A’s reset of a member it shares with company B, and A’s policy change at the same moment, stay A’s: B’s admins paging on two instances never see A’s admin, the reset or A’s policy', async () => {
    const first = await env.standard();
    const second = await env.start('standard');
    const a = await createCompanyWithAdmin(first, env.clock);
    const aToken = await adminToken(first, a.admin);
    await setPolicy(first, aToken, a.company.id, { enforcementDate: '2026-03-02', timeZone: 'Asia/Tokyo', reauthInterval: '7d' });
    const b = await watchingCompany(second);
    const shared = await createMember(first, a.company);
    await addMember(first, b.company, shared);
    const { member } = await enrollAtSignIn(first, env.clock, shared);

    const resetting = first.http.post(
      `/v1/companies/${a.company.id}/mfa-resets`,
      { email: member.email, identityVerified: true },
      { token: aToken },
    );
    const changingPolicy = second.http.put(
      `/v1/companies/${a.company.id}/mfa-policy`,
      { required: true, enforcementDate: '2026-03-02', timeZone: 'Asia/Tokyo', reauthInterval: '30d' },
      { token: aToken },
    );
    const [reset, policyChange, during] = await Promise.all([
      resetting,
      changingPolicy,
      Promise.all(companyReadsOn([first, second], b.company.id, b.token)),
    ]);
    expect(reset.status).toBe(201);
    expect(reset.body).toMatchObject({ userId: member.userId, factorsRevoked: 1 });
    expect(policyChange.status).toBe(200);
    const after = await Promise.all(companyReadsOn([first, second], b.company.id, b.token, 1));

    const seen = [...during, ...after];
    expect(failedReads(seen)).toEqual([]);
    expect(
      leaks(seen, {
        'company A’s id': a.company.id,
        'A’s admin’s id': a.admin.userId,
        'A’s admin’s email': a.admin.email,
        'the reset (mfa.reset)': '"mfa.reset"',
        'the reset’s revocations (admin_reset)': 'admin_reset',
        'A’s policy (its time zone)': 'Asia/Tokyo',
      }),
    ).toEqual([]);
    // B still sees its shared member's own doings: the isolation is not an empty list.
    const bEvents = await auditItems(second, b.company.id, b.token);
    expect(bEvents).toContainEqual(
      expect.objectContaining({ type: 'enrollment.confirmed', subjectUserId: member.userId, actorUserId: member.userId, companyId: null }),
    );
    // The cause: every event of the reset carries the company of the reset, so A's own list shows all of them.
    const aEvents = await auditItems(first, a.company.id, aToken);
    const resetEvents = aEvents.filter(
      (event) => event.subjectUserId === member.userId && ['mfa.reset', 'factor.revoked'].includes(event.type as string),
    );
    expect(resetEvents).toEqual([
      expect.objectContaining({ type: 'mfa.reset', companyId: a.company.id, actorUserId: a.admin.userId, actorEmail: a.admin.email }),
      expect.objectContaining({
        type: 'factor.revoked',
        companyId: a.company.id,
        actorUserId: a.admin.userId,
        data: expect.objectContaining({ factorId: member.factorId, reason: 'admin_reset' }),
      }),
    ]);
  });

  it('ABUSE-11 PAY-10 AUD-2 resets in Pay by a payee admin and by support carry the payee company: company B’s admins, reading on two instances meanwhile, never see them', async () => {
    const pay = await env.pay();
    const secondPay = await env.start('pay');
    const standard = await env.standard();
    const secondStandard = await env.start('standard');
    const { user: payeeAdminUser, company: payee } = await createPayUser(pay, ['payee_admin']);
    const payeeAdmin = await enrollAtPaySignIn(pay, env.clock, payeeAdminUser, 'payee-admin');
    const support = await createEnrolledUser(standard, env.clock, { support: true });
    const supportToken = (await signInWithTotp(secondPay, support)).verified.body.accessToken as string;
    const b = await watchingCompany(standard);
    const sharedUsers: User[] = [];
    for (let index = 0; index < 2; index += 1) {
      const { user } = await createPayUser(pay, ['payee_admin'], { company: payee });
      await enrollAtPaySignIn(pay, env.clock, user, 'payee-admin');
      await addMember(standard, b.company, user);
      sharedUsers.push(user);
    }
    const [byPayeeAdmin, bySupport] = sharedUsers as [User, User];
    const note = 'Called back on the number in the payee file, ticket 5120';

    const resets = Promise.all([
      pay.http.post(
        `/v1/pay/companies/${payee.id}/mfa-resets`,
        { email: byPayeeAdmin.email, identityVerified: true },
        { token: payeeAdmin.accessToken },
      ),
      secondPay.http.post(
        `/v1/pay/companies/${payee.id}/mfa-resets`,
        { email: bySupport.email, identityVerified: true, identityCheckNote: note },
        { token: supportToken },
      ),
    ]);
    const [done, during] = await Promise.all([resets, Promise.all(companyReadsOn([standard, secondStandard], b.company.id, b.token))]);
    expect(done.map((response) => [response.status, response.body.factorsRevoked])).toEqual([
      [201, 1],
      [201, 1],
    ]);
    const after = await Promise.all(companyReadsOn([standard, secondStandard], b.company.id, b.token, 1));

    const seen = [...during, ...after];
    expect(failedReads(seen)).toEqual([]);
    expect(
      leaks(seen, {
        'the payee company’s id': payee.id,
        'the payee admin’s id': payeeAdmin.userId,
        'the payee admin’s email': payeeAdmin.email,
        'support’s id': support.userId,
        'support’s email': support.email,
        'the reset (mfa.reset)': '"mfa.reset"',
        'the reset’s revocations (admin_reset)': 'admin_reset',
        'support’s identity-check note': note,
      }),
    ).toEqual([]);
    const bEvents = await auditItems(secondStandard, b.company.id, b.token);
    expect(bEvents).toContainEqual(
      expect.objectContaining({ type: 'enrollment.confirmed', subjectUserId: byPayeeAdmin.id, companyId: null }),
    );
    // The cause: the revocations of both resets were recorded for the payee company, with their actors.
    const { rows } = await env.db.query(
      `SELECT actor_user_id, subject_user_id, company_id FROM audit_events WHERE type = 'factor.revoked' ORDER BY actor_user_id = $1`,
      [support.userId],
    );
    expect(rows).toEqual([
      { actor_user_id: payeeAdmin.userId, subject_user_id: byPayeeAdmin.id, company_id: payee.id },
      { actor_user_id: support.userId, subject_user_id: bySupport.id, company_id: payee.id },
    ]);
  });

  it('ABUSE-11 AUD-2 a company-less event lists in a member’s companies only when nobody else acted on the member: rows written before resets carried their company stay out of B’s list on every instance', async () => {
    const first = await env.standard();
    const second = await env.start('standard');
    const a = await createCompanyWithAdmin(first, env.clock);
    const b = await watchingCompany(first);
    const shared = await createMember(first, a.company);
    await addMember(first, b.company, shared);
    // As the reset used to record its revocations: no company, company A's admin as actor. Beside it, the
    // member's own company-less events, one with no actor at all.
    await env.db.query(
      `INSERT INTO audit_events (occurred_at, type, actor_user_id, subject_user_id, company_id, data) VALUES
         (now(), 'factor.revoked', $1, $2, NULL, '{"reason": "admin_reset"}'),
         (now(), 'sign_in.failed', $2, $2, NULL, '{"reason": "invalid_credentials"}'),
         (now(), 'sms.delivery_failed', NULL, $2, NULL, '{"attempts": 4}')`,
      [a.admin.userId, shared.id],
    );

    const seen = await Promise.all(companyReadsOn([first, second], b.company.id, b.token));
    expect(failedReads(seen)).toEqual([]);
    expect(
      leaks(seen, {
        'A’s admin’s id': a.admin.userId,
        'A’s admin’s email': a.admin.email,
        'the reset’s revocation (admin_reset)': 'admin_reset',
      }),
    ).toEqual([]);
    const bEvents = await auditItems(second, b.company.id, b.token);
    const sharedEvents = bEvents.filter((event) => event.subjectUserId === shared.id).map((event) => [event.type, event.actorUserId]);
    expect(sharedEvents).toEqual([
      ['sms.delivery_failed', null],
      ['sign_in.failed', shared.id],
    ]);
  });
});
