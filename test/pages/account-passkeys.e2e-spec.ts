import { PASSWORD, signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { createEnrolledUser, EnrolledUser, signInWithTotp } from '../support/mfa';
import { PageClient, PageResponse, visibleText } from '../support/page-client';
import { enrollPasskey, newAuthenticator, PASSKEYS, signInWithPasskey } from '../support/passkeys';
import { adminToken, createCompanyWithAdmin, createMember, setPolicy } from '../support/policy';
import { SoftAuthenticator } from '../support/soft-authenticator';

const ACCOUNT = '/account/security';
const ADD = `${ACCOUNT}/webauthn`;

/** An attribute's value as the browser reads it (the page escapes it like any other). */
function attribute(html: string, pattern: RegExp): string {
  const match = pattern.exec(html);
  if (!match) throw new Error(`not on the page: ${pattern}`);
  return match[1]!
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The options a passkey form hands the browser's ceremony, as the page script reads them. */
function ceremonyOptions(html: string) {
  return JSON.parse(attribute(html, /data-passkey-options="([^"]*)"/));
}

describe('PASSKEY-2 WEB-4 WEB-5 passkeys on the account page and the admin console, as pages without a browser', () => {
  const env = useTestEnvironment();

  /** WEB-1 with the authenticator app (chosen where the user also has passkeys), ending on the account page. */
  async function signInWithApp(app: RunningApp, user: EnrolledUser): Promise<PageClient> {
    const browser = new PageClient(app.http.baseUrl);
    await browser.get('/signin');
    const step = await browser.follow(await browser.submit('/signin', { email: user.email, password: PASSWORD }));
    if (step.html.includes('name="factorId"'))
      await browser.follow(await browser.submit('/signin/verify/start', { factorId: user.factorId }));
    const done = await browser.submit('/signin/verify', { code: user.app.code() });
    expect(done).toMatchObject({ status: 303, location: ACCOUNT });
    env.clock.advance(30);
    return browser;
  }

  /** The name step with the password, answered by the ceremony page's options: the confirmation's response. */
  async function addPasskey(browser: PageClient, name: string, authenticator: SoftAuthenticator): Promise<PageResponse> {
    await browser.get(ADD);
    const ceremony = await browser.submit(ADD, { name, currentPassword: PASSWORD });
    expect(ceremony.status).toBe(200);
    const credential = authenticator.register(ceremonyOptions(ceremony.html));
    const enrollmentId = attribute(ceremony.html, /name="enrollmentId" value="([^"]+)"/);
    return browser.submit(`${ADD}/confirm`, { enrollmentId, name, credential: JSON.stringify(credential) });
  }

  async function passkeysOf(userId: string): Promise<Array<{ name: string; status: string; credential_id: string | null }>> {
    const { rows } = await env.db.query(
      `SELECT f.name, f.status, c.credential_id FROM factors f LEFT JOIN webauthn_credentials c ON c.factor_id = f.id
       WHERE f.user_id = $1 AND f.type = 'webauthn' ORDER BY f.created_at`,
      [userId],
    );
    return rows;
  }

  async function passkeyId(userId: string, name: string): Promise<string> {
    const { rows } = await env.db.query(`SELECT id FROM factors WHERE user_id = $1 AND name = $2 AND status = 'active'`, [userId, name]);
    return rows[0].id;
  }

  /** A passkey added through the JSON API with a fresh MFA session: its factor id. */
  async function enrollThroughApi(app: RunningApp, user: EnrolledUser, authenticator: SoftAuthenticator): Promise<string> {
    const { accessToken } = (await signInWithTotp(app, user)).verified.body;
    env.clock.advance(30);
    const { confirmed } = await enrollPasskey(app, accessToken, authenticator, { name: 'Laptop', currentPassword: PASSWORD });
    return confirmed.body.factor.id;
  }

  /** The admin signs in on the pages of `app` with their app and opens the console's policy page. */
  async function openConsole(app: RunningApp, admin: EnrolledUser, home: string): Promise<{ browser: PageClient; page: PageResponse }> {
    const browser = new PageClient(app.http.baseUrl);
    await browser.get(`/signin?next=${encodeURIComponent(home)}`);
    await browser.follow(await browser.submit('/signin', { email: admin.email, password: PASSWORD }));
    expect(await browser.submit('/signin/verify', { code: admin.app.code() })).toMatchObject({ status: 303, location: home });
    env.clock.advance(30);
    return { browser, page: await browser.get(home) };
  }

  it('PASSKEY-2 WEB-4 POL-8 a passkey is added with a name and the password, then the browser’s answer; several are listed by name', async () => {
    const app = await env.start('standard', PASSKEYS);
    const user = await createEnrolledUser(app, env.clock);
    const browser = await signInWithApp(app, user);
    const overview = await browser.get(ACCOUNT);
    expect(attribute(overview.html, /href="([^"]+)">Add a passkey</)).toBe(ADD);

    const step = await browser.get(ADD);
    expect(step.status).toBe(200);
    expect(visibleText(step.html)).toContain('Add a passkey');
    expect(step.html).toMatch(
      /<div class="without-script"><div\s+class="notice"\s+role="status"\s*>\s*Passkeys need a browser with JavaScript turned on\./,
    );
    const unnamed = await browser.submit(ADD, { name: ' ', currentPassword: PASSWORD });
    expect(unnamed.status).toBe(400);
    expect(unnamed.html).toContain('<p class="error" id="field-name-error">Give the passkey a name, such as “Laptop”.</p>');
    const tooLong = await browser.submit(ADD, { name: 'L'.repeat(65), currentPassword: PASSWORD });
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain('id="field-name-error">Use at most 64 letters, numbers, spaces, punctuation marks or symbols.</p>');
    const wrong = await browser.submit(ADD, { name: 'Laptop', currentPassword: 'not my password' });
    expect(wrong.status).toBe(403);
    expect(wrong.html).toContain('<p class="error" id="field-currentPassword-error">');
    expect(wrong.html).toContain('value="Laptop"');

    const ceremony = await browser.submit(ADD, { name: ' Laptop ', currentPassword: PASSWORD });
    expect(ceremony.status).toBe(200);
    expect(visibleText(ceremony.html)).toContain('Now create the passkey “Laptop”');
    expect(ceremony.html).toContain('data-passkey="register"');
    expect(ceremony.html).toMatch(/<script src="\/assets\/[^"]*webauthn[^"]*" defer><\/script>/);
    expect(ceremonyOptions(ceremony.html)).toMatchObject({
      rp: { id: 'sitepass.test' },
      user: { name: user.email },
      excludeCredentials: [],
    });
    expect(attribute(ceremony.html, /<form\s+method="post"\s+action="([^"]+)"\s+data-passkey/)).toBe(`${ADD}/confirm`);

    const laptop = newAuthenticator();
    const credential = laptop.register(ceremonyOptions(ceremony.html));
    const enrollmentId = attribute(ceremony.html, /name="enrollmentId" value="([^"]+)"/);
    const added = await browser.submit(`${ADD}/confirm`, { enrollmentId, name: 'Laptop', credential: JSON.stringify(credential) });
    expect(added).toMatchObject({ status: 303, location: `${ACCOUNT}?done=factor_added` });
    const after = visibleText((await browser.follow(added)).html);
    expect(after).toContain('Your new sign-in method is set up.');
    expect(after).toContain('Passkey Laptop Mar 2, 2026 Remove the passkey “Laptop”');
    expect(after).toContain('Add a passkey');
    expect(after).not.toContain('Change this method');

    const phone = newAuthenticator({ synced: true });
    await browser.get(ADD);
    const second = await browser.submit(ADD, { name: 'Phone', currentPassword: PASSWORD });
    // PASSKEY-2: the laptop's passkey is not made twice.
    expect(ceremonyOptions(second.html).excludeCredentials).toEqual([expect.objectContaining({ id: laptop.credentials[0]!.id })]);
    const phoneAnswer = phone.register(ceremonyOptions(second.html));
    const secondId = attribute(second.html, /name="enrollmentId" value="([^"]+)"/);
    expect(
      await browser.submit(`${ADD}/confirm`, { enrollmentId: secondId, name: 'Phone', credential: JSON.stringify(phoneAnswer) }),
    ).toMatchObject({ status: 303, location: `${ACCOUNT}?done=factor_added` });
    const both = visibleText((await browser.get(ACCOUNT)).html);
    expect(both).toContain('Passkey Laptop');
    expect(both).toContain('Passkey Phone');
    expect(await passkeysOf(user.userId)).toEqual([
      { name: 'Laptop', status: 'active', credential_id: laptop.credentials[0]!.id },
      { name: 'Phone', status: 'active', credential_id: phone.credentials[0]!.id },
    ]);
  });

  it('PASSKEY-2 WEB-9 SEC-2 a missing, malformed or foreign answer gives a clean 4xx page, never a 5xx, and adds nothing', async () => {
    const app = await env.start('standard', PASSKEYS);
    const user = await createEnrolledUser(app, env.clock);
    const browser = await signInWithApp(app, user);
    await browser.get(ADD);
    const ceremony = await browser.submit(ADD, { name: 'Laptop', currentPassword: PASSWORD });
    const enrollmentId = attribute(ceremony.html, /name="enrollmentId" value="([^"]+)"/);
    const confirm = (credential: string) => browser.submit(`${ADD}/confirm`, { enrollmentId, name: 'Laptop', credential });

    // A browser without script sends the form as it is: no answer.
    const noScript = await confirm('');
    expect(noScript.status).toBe(400);
    expect(visibleText(noScript.html)).toContain('Passkeys need a browser with JavaScript turned on.');
    expect(noScript.html).toContain('value="Laptop"');
    for (const tampered of ['not json', '[]', '{"id":"x"}', JSON.stringify({ id: 'x', rawId: 'x', type: 'public-key', response: 'x' })]) {
      const refused = await confirm(tampered);
      expect({ tampered, status: refused.status }).toEqual({ tampered, status: 400 });
      expect(visibleText(refused.html)).toContain('The passkey did not answer');
    }
    const shapedButEmpty = await confirm(JSON.stringify({ id: 'x', rawId: 'x', type: 'public-key', response: {} }));
    expect(shapedButEmpty.status).toBe(422);
    expect(visibleText(shapedButEmpty.html)).toContain('The passkey did not confirm it.');
    // A real registration, but for another ceremony's challenge.
    const foreign = newAuthenticator().register({ ...ceremonyOptions(ceremony.html), challenge: 'c29tZS1vdGhlci1jaGFsbGVuZ2U' });
    const refusedForeign = await confirm(JSON.stringify(foreign));
    expect(refusedForeign.status).toBeGreaterThanOrEqual(400);
    expect(refusedForeign.status).toBeLessThan(500);
    expect(refusedForeign.html).toContain('role="alert"');
    expect(await confirm('x'.repeat(16_001)).then((page) => page.status)).toBe(400);
    expect(await passkeysOf(user.userId)).toEqual([{ name: 'Laptop', status: 'pending', credential_id: null }]);

    // The overview's "finish setting up" of a passkey starts it again: its ceremony's options were for that one time.
    const overview = await browser.get(ACCOUNT);
    expect(visibleText(overview.html)).toContain('Passkey Laptop Setup not finished');
    expect(await browser.get(`${ACCOUNT}/enrollment?id=${enrollmentId}`)).toMatchObject({ status: 303, location: ADD });
  });

  it('PASSKEY-3 POL-8 a user whose only factor is a passkey re-verifies with it on the account page, then makes the change', async () => {
    const app = await env.start('standard', PASSKEYS);
    const user = await createEnrolledUser(app, env.clock);
    const browser = await signInWithApp(app, user);
    const laptop = newAuthenticator();
    await addPasskey(browser, 'Laptop', laptop);
    await browser.get(`${ACCOUNT}/factors/${user.factorId}/remove`);
    expect(await browser.submit(`${ACCOUNT}/factors/${user.factorId}/remove`, { currentPassword: PASSWORD })).toMatchObject({
      status: 303,
      location: `${ACCOUNT}?done=factor_removed`,
    });
    const laptopId = await passkeyId(user.userId, 'Laptop');

    env.clock.advance(11 * 60);
    await browser.get(ADD);
    const returnTo = `${ADD}?name=Phone`;
    const asked = await browser.submit(ADD, { name: 'Phone', currentPassword: PASSWORD });
    expect(asked).toMatchObject({ status: 303, location: `${ACCOUNT}/verify?return=${encodeURIComponent(returnTo)}` });
    const choice = await browser.follow(asked);
    expect(attribute(choice.html, /name="factorId" value="([^"]+)"/)).toBe(laptopId);
    const step = await browser.follow(await browser.submit(`${ACCOUNT}/verify`, { factorId: laptopId, return: returnTo }));
    expect(step.status).toBe(200);
    expect(visibleText(step.html)).toContain('Confirm it is you with your passkey “Laptop”');
    expect(step.html).toContain('data-passkey="authenticate"');
    const options = ceremonyOptions(step.html);
    expect(options.allowCredentials).toEqual([expect.objectContaining({ id: laptop.credentials[0]!.id })]);
    const action = attribute(step.html, /<form\s+method="post"\s+action="([^"]+)"\s+data-passkey/);

    const tampered = await browser.submit(action, { credential: '{"id":' });
    expect(tampered.status).toBe(400);
    expect(visibleText(tampered.html)).toContain('The passkey did not answer');
    const stranger = newAuthenticator();
    stranger.register({ challenge: options.challenge, user: { id: 'c3RyYW5nZXI' } });
    const foreign = await browser.submit(action, { credential: JSON.stringify(stranger.authenticate({ challenge: options.challenge })) });
    expect(foreign.status).toBe(422);
    expect(visibleText(foreign.html)).toContain('The passkey did not confirm it.');

    const verified = await browser.submit(action, { credential: JSON.stringify(laptop.authenticate(options)) });
    expect(verified).toMatchObject({ status: 303, location: `${returnTo}&verified=1` });
    const back = await browser.follow(verified);
    expect(visibleText(back.html)).toContain('Thank you, it is you. Now finish the change.');
    expect(back.html).toContain('value="Phone"');
    const ceremony = await browser.submit(ADD, { name: 'Phone', currentPassword: PASSWORD });
    expect(ceremony.status).toBe(200);
    expect(ceremony.html).toContain('data-passkey="register"');
  });

  it('PASSKEY-2 POL-8 ABUSE-7 removing one passkey of two takes the password; the last factor stays', async () => {
    const app = await env.start('standard', PASSKEYS);
    const user = await createEnrolledUser(app, env.clock);
    const browser = await signInWithApp(app, user);
    await addPasskey(browser, 'Laptop', newAuthenticator());
    await addPasskey(browser, 'Phone', newAuthenticator());
    const phoneId = await passkeyId(user.userId, 'Phone');

    const removal = await browser.get(`${ACCOUNT}/factors/${phoneId}/remove`);
    expect(visibleText(removal.html)).toContain('Remove the passkey “Phone”');
    expect((await browser.submit(`${ACCOUNT}/factors/${phoneId}/remove`, { currentPassword: 'a guess' })).status).toBe(403);
    const removed = await browser.submit(`${ACCOUNT}/factors/${phoneId}/remove`, { currentPassword: PASSWORD });
    expect(removed).toMatchObject({ status: 303, location: `${ACCOUNT}?done=factor_removed` });
    const after = visibleText((await browser.follow(removed)).html);
    expect(after).toContain('Passkey Laptop');
    expect(after).not.toContain('Phone');
    expect((await passkeysOf(user.userId)).map(({ name, status }) => [name, status])).toEqual([
      ['Laptop', 'active'],
      ['Phone', 'revoked'],
    ]);

    await browser.get(`${ACCOUNT}/factors/${user.factorId}/remove`);
    await browser.submit(`${ACCOUNT}/factors/${user.factorId}/remove`, { currentPassword: PASSWORD });
    const laptopId = await passkeyId(user.userId, 'Laptop');
    await browser.get(`${ACCOUNT}/factors/${laptopId}/remove`);
    const last = await browser.submit(`${ACCOUNT}/factors/${laptopId}/remove`, { currentPassword: PASSWORD });
    expect(last.status).toBe(409);
    expect(visibleText(last.html)).toContain('MFA is required for your account: add another factor before removing this one.');
    expect((await passkeysOf(user.userId)).map(({ status }) => status)).toEqual(['active', 'revoked']);
  });

  it('PASSKEY-3 WEB-4 ABUSE-9 a device trusted by a passkey sign-in says it was verified with a passkey', async () => {
    const app = await env.start('standard', PASSKEYS);
    const user = await createEnrolledUser(app, env.clock);
    const laptop = newAuthenticator();
    const { verified } = await signInWithPasskey(app, user.email, laptop, await enrollThroughApi(app, user, laptop));
    expect(verified.status).toBe(200);
    const browser = await signInWithApp(app, user);
    const { rows } = await env.db.query(`SELECT amr FROM trusted_devices WHERE user_id = $1 ORDER BY created_at`, [user.userId]);
    expect(rows.map((row: { amr: string[] }) => row.amr)).toEqual([
      ['pwd', 'otp'],
      ['pwd', 'otp'],
      ['pwd', 'hwk'],
      ['pwd', 'otp'],
    ]);
    const methods = [
      ...(await browser.get(ACCOUNT)).html.matchAll(/<td>([^<]*)<\/td>\s*<td>[^<]*<\/td>\s*<td>\s*<form class="action-form"/g),
    ];
    expect(methods.map((match) => match[1]!.trim()).sort()).toEqual([
      'Authenticator app',
      'Authenticator app',
      'Authenticator app',
      'Passkey',
    ]);
  });

  it('PASSKEY-3 WEB-5 the passwordless box is shown only where passkeys are offered, saves with the policy, and the policy states it', async () => {
    const plain = await env.standard();
    const offering = await env.start('standard', PASSKEYS);
    const { company, admin } = await createCompanyWithAdmin(plain, env.clock);
    const home = `/admin/companies/${company.id}`;
    const storedFlag = async () =>
      (await env.db.query(`SELECT passwordless_allowed FROM company_policies WHERE company_id = $1`, [company.id])).rows[0]
        ?.passwordless_allowed;
    const policy = { required: 'yes', enforcementDate: '2026-06-01', timeZone: 'UTC', reauthInterval: '12h' };

    const withoutPasskeys = await openConsole(plain, admin, home);
    expect(withoutPasskeys.page.html).not.toContain('name="passwordlessAllowed"');
    expect(visibleText(withoutPasskeys.page.html)).not.toMatch(/passkey/i);
    expect(await withoutPasskeys.browser.submit(`${home}/policy`, policy)).toMatchObject({ status: 303, location: home });
    expect(await storedFlag()).toBe(true);

    const withPasskeys = await openConsole(offering, admin, home);
    const box = /<input type="checkbox" id="field-passwordlessAllowed" name="passwordlessAllowed" value="yes"( checked)?/;
    expect(box.exec(withPasskeys.page.html)?.[1]).toBe(' checked');
    expect(visibleText(withPasskeys.page.html)).toContain('Members may sign in with a passkey alone');
    expect(visibleText(withPasskeys.page.html)).toContain('Sign-in with a passkey alone Allowed');
    // Unticked, the box sends nothing: the flag goes off.
    const saved = await withPasskeys.browser.submit(`${home}/policy`, policy);
    expect(saved).toMatchObject({ status: 303, location: home });
    expect(await storedFlag()).toBe(false);
    const after = await withPasskeys.browser.follow(saved);
    expect(visibleText(after.html)).toContain('Sign-in with a passkey alone Not allowed: password first, then the passkey');
    expect(box.exec(after.html)?.[1]).toBeUndefined();

    // Where the box is not shown, saving the policy leaves the flag as it was: no box is not an unticked box.
    await withoutPasskeys.browser.get(home);
    expect(await withoutPasskeys.browser.submit(`${home}/policy`, { ...policy, reauthInterval: '7d' })).toMatchObject({ status: 303 });
    expect(await storedFlag()).toBe(false);
    await withPasskeys.browser.get(home);
    await withPasskeys.browser.submit(`${home}/policy`, { ...policy, passwordlessAllowed: 'yes' });
    expect(await storedFlag()).toBe(true);
  });

  it('PASSKEY-2 WEB-5 POL-7 the member status names a passkey in words; the CSV keeps the API’s type name', async () => {
    const app = await env.start('standard', PASSKEYS);
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    // POL-4: a scheduled policy opens enrollment to the members before its deadline.
    await setPolicy(app, await adminToken(app, admin), company.id, { enforcementDate: '2026-04-01', timeZone: 'UTC' });
    env.clock.advance(30);
    const member = await createMember(app, company);
    const session = await signIn(app, member.email);
    const { confirmed } = await enrollPasskey(app, session.body.accessToken, newAuthenticator(), { currentPassword: PASSWORD });
    expect(confirmed.status).toBe(200);
    const home = `/admin/companies/${company.id}`;
    const { browser } = await openConsole(app, admin, home);
    const members = await browser.get(`${home}/members`);
    expect(visibleText(members.html)).toContain(`${member.email} Member Passkey Yes`);
    const csv = (await browser.download(`${home}/members.csv`)).bytes.toString('utf8');
    expect(csv).toContain(`"${member.email}","member","webauthn","true"`);
  });
});
