import { randomUUID } from 'node:crypto';
import { addMember, createUser, PASSWORD } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { createEnrolledUser, EnrolledUser, signInWithTotp } from '../support/mfa';
import { PageClient, visibleText } from '../support/page-client';
import { adminToken, createCompanyWithAdmin, createMember, enrollVoluntarily, setPolicy } from '../support/policy';
import { User } from '@sitepass/database';

/** The user signs in on the hosted pages, with their authenticator app when they have one, and lands on `next`. */
async function signInThroughPages(app: RunningApp, user: { email: string; app?: EnrolledUser['app'] }, next: string, languages = 'en') {
  const browser = new PageClient(app.http.baseUrl, languages);
  await browser.get(`/signin?next=${encodeURIComponent(next)}`);
  let answer = await browser.submit('/signin', { email: user.email, password: PASSWORD });
  if (user.app) {
    await browser.follow(answer);
    answer = await browser.submit('/signin/verify', { code: user.app.code() });
  }
  expect(answer).toMatchObject({ status: 303, location: next });
  await browser.get(next);
  return browser;
}

/** The text of the element with this id, as a person reads it. */
function textOf(html: string, id: string): string {
  const match = new RegExp(`<(\\w+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  if (!match) throw new Error(`no element #${id}`);
  return visibleText(match[2]!);
}

/** The attributes of the form control named `name`. */
function controlOf(html: string, name: string): string {
  const match = new RegExp(`<(input|select)[^>]*\\bname="${name}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no control ${name}`);
  return match[0];
}

/** RFC 4180, as a spreadsheet reads it: quoted cells, doubled quotes, commas between cells, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted && character === '"' && text[index + 1] === '"') {
      cell += '"';
      index += 1;
    } else if (character === '"') {
      quoted = !quoted;
    } else if (!quoted && character === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && character === '\r' && text[index + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      index += 1;
    } else {
      cell += character;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('WEB-5 the company admin console, as a browser without scripts uses it (WEB-9)', () => {
  const env = useTestEnvironment();

  /** Emails in the order the database sorts them (the lists' order, whatever its collation). */
  async function byEmail(emails: string[]): Promise<string[]> {
    const { rows } = await env.db.query(`SELECT email FROM users WHERE email = ANY($1) ORDER BY email`, [emails]);
    return rows.map((row: { email: string }) => row.email);
  }

  async function factorStatuses(userId: string): Promise<string[]> {
    const { rows } = await env.db.query(`SELECT status FROM factors WHERE user_id = $1 ORDER BY created_at`, [userId]);
    return rows.map((row: { status: string }) => row.status);
  }

  it('WEB-5 POL-1 POL-2 an admin sets a deadline in another time zone and sees the instant in that zone, their own and UTC', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock, { name: 'Acme Builders' });
    const home = `/admin/companies/${company.id}`;
    const browser = await signInThroughPages(app, admin, '/admin');

    const start = await browser.get('/admin');
    expect(start.status).toBe(200);
    expect(start.html).toContain(`<a href="${home}">Acme Builders</a>`);

    const empty = await browser.get(home);
    expect(empty.status).toBe(200);
    expect(visibleText(empty.html)).toContain('No policy has been saved yet');
    // Never saved: UTC without scripts, the browser's zone with them (the script's hook).
    expect(controlOf(empty.html, 'timeZone')).toContain('data-default-browser-zone="UTC"');
    expect(textOf(empty.html, 'your-time-zone')).toContain('Times on these pages are shown in UTC until you choose your time zone');

    const zone = await browser.submit('/admin/time-zone', { zone: 'Europe/Paris', next: home });
    expect(zone).toMatchObject({ status: 303, location: home });
    await browser.get(home);
    const saved = await browser.submit(`${home}/policy`, {
      required: 'yes',
      enforcementDate: '2026-06-01',
      timeZone: 'America/New_York',
      reauthInterval: '7d',
    });
    expect(saved).toMatchObject({ status: 303, location: home });

    const page = await browser.follow(saved);
    const text = visibleText(page.html);
    expect(text).toContain('The policy is saved.');
    expect(text).toContain('Scheduled: required from the enforcement date');
    expect(text).toContain('Monday, June 1, 2026 at 12:00 AM EDT in the policy’s time zone (America/New_York)');
    expect(text).toContain('Monday, June 1, 2026 at 6:00 AM GMT+2 in your time zone (Europe/Paris)');
    expect(text).toContain('Monday, June 1, 2026 at 4:00 AM UTC in UTC');
    expect(text).toContain('Every 7 days');
    expect(page.html).toContain('<time datetime="2026-06-01T04:00:00.000Z">');
    expect(controlOf(page.html, 'timeZone')).not.toContain('data-default-browser-zone');
    expect(page.html).toContain('<option value="America/New_York" selected>');
    expect(controlOf(page.html, 'enforcementDate')).toContain('value="2026-06-01"');

    const { rows } = await env.db.query(
      `SELECT enforcement_starts_at, time_zone, reauth_interval FROM company_policies WHERE company_id = $1`,
      [company.id],
    );
    expect(rows).toEqual([
      { enforcement_starts_at: new Date('2026-06-01T04:00:00Z'), time_zone: 'America/New_York', reauth_interval: '7d' },
    ]);
    // The notice is told once.
    expect(visibleText((await browser.get(home)).html)).not.toContain('The policy is saved.');
  });

  it('WEB-5 POL-2 a date before today in the policy’s zone is refused beside the date field, and nothing is saved', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const home = `/admin/companies/${company.id}`;
    const browser = await signInThroughPages(app, admin, home);
    // 09:00 UTC on 2 March is still 1 March in Honolulu: 1 March is today there, 28 February is not.
    const honolulu = (enforcementDate: string) => ({
      required: 'yes',
      enforcementDate,
      timeZone: 'Pacific/Honolulu',
      reauthInterval: '12h',
    });
    const refused = await browser.submit(`${home}/policy`, honolulu('2026-02-28'));
    expect(refused.status).toBe(422);
    expect(controlOf(refused.html, 'enforcementDate')).toContain(
      'aria-describedby="field-enforcementDate-hint field-enforcementDate-error"',
    );
    expect(textOf(refused.html, 'field-enforcementDate-error')).toBe(
      'The enforcement date cannot be before today (2026-03-01 in Pacific/Honolulu).',
    );
    // What the admin sent is shown again, for them to correct.
    expect(refused.html).toContain('<option value="Pacific/Honolulu" selected>');
    const notADate = await browser.submit(`${home}/policy`, honolulu('2026-02-30'));
    expect(notADate.status).toBe(400);
    expect(textOf(notADate.html, 'field-enforcementDate-error')).toBe('Enter a real date, such as 2026-06-01.');
    expect((await env.db.query(`SELECT 1 FROM company_policies WHERE company_id = $1`, [company.id])).rows).toEqual([]);

    const today = await browser.submit(`${home}/policy`, honolulu('2026-03-01'));
    expect(today.status).toBe(303);
    expect(visibleText((await browser.follow(today)).html)).toContain('Enforced: every member must use two-step verification');
  });

  it('WEB-5 I18N-3 the instant is written in the reader’s language and conventions', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    await setPolicy(app, await adminToken(app, admin), company.id, { enforcementDate: '2026-06-01', timeZone: 'America/New_York' });
    env.clock.advance(30);
    const home = `/admin/companies/${company.id}`;
    const browser = await signInThroughPages(app, admin, home, 'de-DE,de;q=0.9');
    await browser.submit('/admin/time-zone', { zone: 'Europe/Berlin', next: home });
    const text = visibleText((await browser.get(home)).html);
    expect(text).toContain('Montag, 1. Juni 2026 um 00:00 GMT-4 in der Zeitzone der Richtlinie (America/New_York)');
    expect(text).toContain('Montag, 1. Juni 2026 um 06:00 MESZ in Ihrer Zeitzone (Europe/Berlin)');
    expect(text).toContain('Montag, 1. Juni 2026 um 04:00 UTC in UTC');
  });

  async function companyWithMembers() {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    await setPolicy(app, await adminToken(app, admin), company.id, { enforcementDate: '2026-03-16', timeZone: 'UTC' });
    env.clock.advance(30);
    const ready = await enrollVoluntarily(app, env.clock, await createMember(app, company, { email: 'b-ready@example.com' }));
    await signInWithTotp(app, ready);
    const waiting: User[] = [];
    for (const email of ['=1+2@example.com', '-minus@example.com', 'c-waiting@example.com', 'zoë.müller@example.com', '+plus@example.com'])
      waiting.push(await createMember(app, company, { email }));
    return { app, company, admin, ready, waiting };
  }

  it('WEB-5 POL-7 the member status filters to those not enrolled, a page at a time, with links', async () => {
    const { app, company, admin, waiting } = await companyWithMembers();
    const members = `/admin/companies/${company.id}/members`;
    const browser = await signInThroughPages(app, admin, members);

    const all = await browser.get(members);
    expect(visibleText(all.html)).toContain('7 members: 2 enrolled, 5 not enrolled');
    expect(all.html).toContain(`<a href="${members}" aria-current="page">All (7)</a>`);
    expect(all.html).toContain(`<a href="${members}?enrolled=false">Not enrolled (5)</a>`);
    expect(all.html).toMatch(/<th scope="col">Email<\/th>/);
    const readyRow = /<tr>\s*<th scope="row">b-ready@example\.com<\/th>([\s\S]*?)<\/tr>/.exec(all.html)![1]!;
    expect(visibleText(readyRow)).toMatch(/^Member Authenticator app Yes Mar 2, 2026, 9:0\d:\d\d AM$/);

    // Pages follow the database's order of emails (its collation), as the API's do.
    const waitingByEmail = await byEmail(waiting.map((user) => user.email));
    const first = await browser.get(`${members}?enrolled=false&pageSize=2`);
    const emails = (html: string) => [...html.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((match) => match[1]);
    expect(emails(first.html)).toEqual(waitingByEmail.slice(0, 2));
    expect(visibleText(first.html)).toContain('Page 1 of 3');
    expect(first.html).toContain(`<a href="${members}?enrolled=false&amp;pageSize=2" aria-label="Page 1" aria-current="page">1</a>`);
    const next = /<a href="([^"]+)" rel="next">Next<\/a>/.exec(first.html)![1]!.replace(/&amp;/g, '&');
    expect(next).toBe(`${members}?enrolled=false&page=2&pageSize=2`);
    const second = await browser.get(next);
    expect(emails(second.html)).toEqual(waitingByEmail.slice(2, 4));
    expect(second.html).toMatch(/rel="prev">Previous</);
    const last = await browser.get(`${members}?enrolled=false&page=3&pageSize=2`);
    expect(emails(last.html)).toEqual(waitingByEmail.slice(4));
    expect(last.html).not.toContain('rel="next"');
    const enrolled = await browser.get(`${members}?enrolled=true`);
    expect(emails(enrolled.html)).toEqual(await byEmail([admin.email, 'b-ready@example.com']));
  });

  it('WEB-5 POL-7 the CSV holds every page under the filter, escaped for spreadsheets, in UTF-8 with a byte order mark', async () => {
    const { app, company, admin, ready, waiting } = await companyWithMembers();
    const members = `/admin/companies/${company.id}/members`;
    const browser = await signInThroughPages(app, admin, members);
    expect((await browser.get(`${members}?enrolled=false&pageSize=2`)).html).toContain(`href="${members}.csv?enrolled=false" download`);

    const download = await browser.download(`${members}.csv?enrolled=false`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="members-not-enrolled-2026-03-02.csv"');
    expect([...download.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = download.bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe('"Email","Role","Methods","Enrolled","Last two-step sign-in"');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['Email', 'Role', 'Methods', 'Enrolled', 'Last two-step sign-in']);
    // Every member not enrolled, not only a page of them; a cell a spreadsheet would run as a formula is text.
    const asText = (email: string) => (/^[=+\-@]/.test(email) ? `'${email}` : email);
    expect(rows).toEqual((await byEmail(waiting.map((user) => user.email))).map((email) => [asText(email), 'member', '', 'false', '']));
    expect(rows.map((row) => row[0])).toEqual(expect.arrayContaining(["'=1+2@example.com", "'+plus@example.com", "'-minus@example.com"]));
    expect(rows.map((row) => row[0])).toContain('zoë.müller@example.com');

    const everyone = parseCsv((await browser.download(`${members}.csv`)).bytes.subarray(3).toString('utf8')).slice(1);
    expect(everyone).toHaveLength(7);
    const { rows: lastMfa } = await env.db.query(`SELECT max(mfa_time) AS at FROM sessions WHERE user_id = $1`, [ready.userId]);
    expect(everyone.find((row) => row[0] === 'b-ready@example.com')).toEqual([
      'b-ready@example.com',
      'member',
      'totp',
      'true',
      lastMfa[0].at.toISOString(),
    ]);
    expect(everyone.find((row) => row[0] === admin.email)).toEqual([admin.email, 'admin', 'totp', 'true', expect.any(String)]);
  });

  it('WEB-5 RESET-1 RESET-2 an admin who signed in with their factor resets a member: the member’s factors and sessions are revoked', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    await setPolicy(app, await adminToken(app, admin), company.id, { enforcementDate: '2026-03-16', timeZone: 'UTC' });
    env.clock.advance(30);
    const member = await enrollVoluntarily(app, env.clock, await createMember(app, company));
    const reset = `/admin/companies/${company.id}/reset`;
    const browser = await signInThroughPages(app, admin, reset);
    const form = await browser.get(reset);
    expect(controlOf(form.html, 'identityVerified')).toContain('type="checkbox"');
    expect(form.html).toContain('<label for="field-identityVerified">I verified this person’s identity</label>');
    const done = await browser.submit(reset, { email: member.email.toUpperCase(), identityVerified: 'yes' });
    expect(done).toMatchObject({ status: 303, location: reset });
    const page = await browser.follow(done);
    expect(visibleText(page.html)).toContain(
      `The two-step verification of ${member.email.toUpperCase()} is reset: 1 method removed, 1 session ended.`,
    );

    expect(await factorStatuses(member.userId)).toEqual(['revoked']);
    const { rows: sessions } = await env.db.query(`SELECT revoked_at FROM sessions WHERE user_id = $1`, [member.userId]);
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((session: { revoked_at: Date | null }) => session.revoked_at !== null)).toBe(true);
    const { rows: audit } = await env.db.query(`SELECT actor_user_id, company_id, data FROM audit_events WHERE type = 'mfa.reset'`);
    expect(audit).toEqual([
      {
        actor_user_id: admin.userId,
        company_id: company.id,
        data: expect.objectContaining({ identityVerified: true, by: 'company_admin' }),
      },
    ]);
  });

  it('WEB-5 RESET-1 RESET-3 each refusal is shown beside the field it concerns, and resets nothing', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, admin);
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-16', timeZone: 'UTC' });
    const member = await enrollVoluntarily(app, env.clock, await createMember(app, company));
    await setPolicy(app, token, company.id, { required: false, enforcementDate: '2026-03-16', timeZone: 'UTC' });
    const reset = `/admin/companies/${company.id}/reset`;
    const browser = await signInThroughPages(app, admin, reset);

    const policyOff = await browser.submit(reset, { email: member.email, identityVerified: 'yes' });
    expect(policyOff.status).toBe(409);
    expect(visibleText(policyOff.html)).toContain(
      'There is a problem MFA resets are available while the company’s MFA policy is scheduled or enforced.',
    );
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-16', timeZone: 'UTC' });

    const self = await browser.submit(reset, { email: admin.email, identityVerified: 'yes' });
    expect(self.status).toBe(403);
    expect(controlOf(self.html, 'email')).toContain('aria-invalid="true"');
    expect(controlOf(self.html, 'email')).toContain('aria-describedby="field-email-hint field-email-error"');
    expect(textOf(self.html, 'field-email-error')).toBe('You cannot reset your own MFA; ask another admin of your company or support.');

    const unattested = await browser.submit(reset, { email: member.email });
    expect(unattested.status).toBe(400);
    expect(controlOf(unattested.html, 'identityVerified')).toContain(
      'aria-describedby="field-identityVerified-hint field-identityVerified-error"',
    );
    expect(textOf(unattested.html, 'field-identityVerified-error')).toBe('Confirm that you verified this person’s identity.');
    expect(controlOf(unattested.html, 'email')).toContain(`value="${member.email}"`);

    const stranger = await browser.submit(reset, { email: 'nobody@example.com', identityVerified: 'yes' });
    expect(stranger.status).toBe(404);
    expect(textOf(stranger.html, 'field-email-error')).toBe('An active member with this email was not found.');
    const blank = await browser.submit(reset, { email: ' ', identityVerified: 'yes' });
    expect(blank.status).toBe(400);
    expect(textOf(blank.html, 'field-email-error')).toBe('Enter the member’s email address.');

    expect(await factorStatuses(member.userId)).toEqual(['active']);
    expect(await factorStatuses(admin.userId)).toEqual(['active']);
  });

  it('WEB-5 RESET-1 an admin signed in with a password only is told to sign in with a second factor first', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    await setPolicy(app, await adminToken(app, admin), company.id, { enforcementDate: '2026-03-16', timeZone: 'UTC' });
    const member = await enrollVoluntarily(app, env.clock, await createMember(app, company));
    const passwordOnly = await createUser(app);
    await addMember(app, company, passwordOnly, { role: 'admin' });
    const reset = `/admin/companies/${company.id}/reset`;
    const browser = await signInThroughPages(app, passwordOnly, reset);

    const refused = await browser.submit(reset, { email: member.email, identityVerified: 'yes' });
    expect(refused.status).toBe(401);
    expect(visibleText(refused.html)).toContain('There is a problem Sign in with your second factor before resetting anyone’s MFA.');
    expect(await factorStatuses(member.userId)).toEqual(['active']);
  });

  it('WEB-5 AUD-2 the audit list shows the company’s events newest first, a page at a time, in the admin’s time zone', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const home = `/admin/companies/${company.id}`;
    const browser = await signInThroughPages(app, admin, home);
    await browser.submit('/admin/time-zone', { zone: 'Asia/Tokyo', next: `${home}/audit` });
    await browser.get(home);
    await browser.submit(`${home}/policy`, { required: 'yes', enforcementDate: '2026-03-16', timeZone: 'UTC', reauthInterval: '12h' });
    const member = await enrollVoluntarily(app, env.clock, await createMember(app, company));
    env.clock.advance(60);
    await browser.get(`${home}/reset`);
    expect((await browser.submit(`${home}/reset`, { email: member.email, identityVerified: 'yes' })).status).toBe(303);

    const first = await browser.get(`${home}/audit?pageSize=2`);
    expect(first.status).toBe(200);
    expect(first.html).toContain('<th scope="col">Time (Asia/Tokyo)</th>');
    const rows = (html: string) =>
      [...html.matchAll(/<tr>\s*<td><time datetime="([^"]+)">([^<]+)<\/time><\/td>([\s\S]*?)<\/tr>/g)].map((match) => ({
        at: match[1]!,
        time: visibleText(match[2]!),
        rest: visibleText(match[3]!),
      }));
    const { rows: events } = await env.db.query(
      `SELECT type, occurred_at FROM audit_events WHERE company_id = $1 OR subject_user_id IN ($2, $3) ORDER BY id DESC`,
      [company.id, admin.userId, member.userId],
    );
    const tokyo = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Tokyo' });
    expect(rows(first.html)).toEqual(
      events.slice(0, 2).map((event: { type: string; occurred_at: Date }) => ({
        at: event.occurred_at.toISOString(),
        time: visibleText(tokyo.format(event.occurred_at)),
        rest: expect.stringContaining(event.type),
      })),
    );
    expect(rows(first.html)[0]!.rest).toBe(`Two-step verification reset mfa.reset ${admin.email} ${member.email}`);
    expect(visibleText(first.html)).toContain(`${events.length} events, newest first`);

    const all = rows((await browser.get(`${home}/audit?pageSize=100`)).html);
    expect(all.map((row) => row.at)).toEqual(events.map((event: { occurred_at: Date }) => event.occurred_at.toISOString()));
    expect(all.find((row) => row.rest.includes('policy.changed'))!.rest).toBe(`Policy changed policy.changed ${admin.email} —`);
    const second = await browser.get(/<a href="([^"]+)" rel="next">/.exec(first.html)![1]!.replace(/&amp;/g, '&'));
    expect(rows(second.html)[0]!.at).toBe(events[2].occurred_at.toISOString());
  });

  it('SEC-3 WEB-5 a member, another company’s admin and an unknown company get the API’s 404; a signed-out browser is sent to sign in', async () => {
    const app = await env.standard();
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const other = await createCompanyWithAdmin(app, env.clock);
    const member = await createEnrolledUser(app, env.clock);
    await addMember(app, company, { id: member.userId } as User);
    const home = `/admin/companies/${company.id}`;

    const signedOut = new PageClient(app.http.baseUrl);
    expect(await signedOut.get(`${home}/members`)).toMatchObject({
      status: 303,
      location: `/signin?next=${encodeURIComponent(`${home}/members`)}`,
    });

    const apiAnswer = await app.http.get(`/v1/companies/${company.id}/mfa-policy`, { token: await adminToken(app, other.admin) });
    expect(apiAnswer.status).toBe(404);
    env.clock.advance(30);
    for (const outsider of [member, other.admin]) {
      const browser = await signInThroughPages(app, outsider, '/admin');
      expect(visibleText((await browser.get('/admin')).html)).toContain(
        outsider === member ? 'You are not an administrator of any company.' : other.company.name,
      );
      for (const path of [home, `${home}/members`, `${home}/reset`, `${home}/audit`, `/admin/companies/${randomUUID()}`]) {
        const page = await browser.get(path);
        expect({ path, status: page.status }).toEqual({ path, status: 404 });
        expect(visibleText(page.html)).toContain(apiAnswer.body.message);
      }
      expect((await browser.download(`${home}/members.csv`)).status).toBe(404);
      await browser.get('/admin');
      const post = await browser.submit(`${home}/reset`, { email: admin.email, identityVerified: 'yes' });
      expect(post.status).toBe(404);
      await browser.get('/admin');
      const policy = await browser.submit(`${home}/policy`, {
        required: 'yes',
        enforcementDate: '2026-03-16',
        timeZone: 'UTC',
        reauthInterval: '12h',
      });
      expect(policy.status).toBe(404);
      env.clock.advance(30);
    }
    expect((await env.db.query(`SELECT 1 FROM company_policies WHERE company_id = $1`, [company.id])).rows).toEqual([]);
    expect(await factorStatuses(admin.userId)).toEqual(['active']);
  });
});
