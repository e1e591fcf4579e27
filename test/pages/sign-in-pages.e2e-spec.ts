import { createHash, randomBytes } from 'node:crypto';
import { createUser, PASSWORD } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser } from '../support/mfa';
import { PageClient, visibleText } from '../support/page-client';
import { TEST_RETURN_URL } from '../support/test-config';
import { decodeQrDataUrl, parseOtpAuthUri, totpCode } from '../support/totp';

function pkce() {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

describe('WEB-1 WEB-2 WEB-3 the hosted sign-in, as a browser without scripts uses it (WEB-9)', () => {
  const env = useTestEnvironment();

  it('WEB-2 WEB-3 LOGIN-4 an unenrolled user sets up an app inside the sign-in, saves the recovery code and returns with a code the back end exchanges', async () => {
    const app = await env.standard();
    const user = await createUser(app, { alwaysRequireMfa: true });
    const browser = new PageClient(app.http.baseUrl);
    const { codeVerifier, codeChallenge } = pkce();
    const start = `/signin?return_to=${encodeURIComponent(TEST_RETURN_URL)}&code_challenge=${codeChallenge}&code_challenge_method=S256&state=xyz`;
    const form = await browser.get(start);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(visibleText(form.html)).toContain('Sign in');

    const enroll = await browser.follow(await browser.submit('/signin', { email: user.email, password: PASSWORD }));
    expect(visibleText(enroll.html)).toContain('Set up two-step verification');
    const setup = await browser.submit('/signin/enroll', { factorType: 'totp' });
    expect(setup.status).toBe(200);
    const qr = /<img class="qr" id="totp-qr" src="([^"]+)"/.exec(setup.html)![1]!;
    const secret = parseOtpAuthUri(decodeQrDataUrl(qr.replace(/&amp;/g, '&'))).secret;
    const enrollmentId = /name="enrollmentId" value="([^"]+)"/.exec(setup.html)![1]!;

    const wrong = await browser.submit('/signin/enroll/confirm', {
      enrollmentId,
      code: '000000' === totpCode(secret, env.clock.now()) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('aria-invalid="true"');
    expect(wrong.html).not.toContain('id="totp-qr"');

    const saved = await browser.submit('/signin/enroll/confirm', { enrollmentId, code: totpCode(secret, env.clock.now()) });
    expect(saved.status).toBe(200);
    const recoveryCode = /<p class="recovery-code" id="recovery-code">([^<]+)<\/p>/.exec(saved.html)![1]!;
    expect(recoveryCode).toMatch(/\w/);
    const notTicked = await browser.submit('/signin/continue', { code: recoveryCode });
    expect(notTicked.status).toBe(400);
    const back = await browser.submit('/signin/continue', { code: recoveryCode, saved: 'yes' });
    expect(back.status).toBe(303);
    const location = new URL(back.location!);
    expect(`${location.origin}${location.pathname}`).toBe(TEST_RETURN_URL);
    expect(location.searchParams.get('state')).toBe('xyz');

    const exchanged = await app.http.post('/v1/sessions/exchange', { code: location.searchParams.get('code'), codeVerifier });
    expect(exchanged.status).toBe(200);
    const session = await app.http.get('/v1/sessions/current', { token: exchanged.body.accessToken });
    expect(session.body).toMatchObject({ userId: user.id, acr: 'aal2', amr: ['pwd', 'otp'] });
  });

  it('WEB-1 an enrolled user is asked for the app’s code, sees an error beside the field for a wrong one, and lands on the account page', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const browser = new PageClient(app.http.baseUrl);
    await browser.get('/signin');
    const verify = await browser.follow(await browser.submit('/signin', { email: user.email, password: PASSWORD }));
    expect(visibleText(verify.html)).toContain('Enter the 6-digit code your authenticator app shows');
    expect(verify.html).toContain('autocomplete="one-time-code"');
    expect(verify.html).toContain('inputmode="numeric"');
    const wrong = await browser.submit('/signin/verify', { code: user.app.wrongCode() });
    expect(wrong.status).toBe(422);
    expect(visibleText(wrong.html)).toContain('attempts left');
    const done = await browser.submit('/signin/verify', { code: user.app.code() });
    expect(done).toMatchObject({ status: 303, location: '/account/security' });
    expect(browser.cookie('__Host-sitepass-standard-session')).toBeDefined();
  });

  it('WEB-1 WEB-2 a return URL that is not configured, or a plain PKCE challenge, is refused with a clear page', async () => {
    const app = await env.standard();
    const browser = new PageClient(app.http.baseUrl);
    const { codeChallenge } = pkce();
    for (const query of [
      `return_to=${encodeURIComponent('https://evil.example/cb')}&code_challenge=${codeChallenge}&code_challenge_method=S256`,
      `return_to=${encodeURIComponent(TEST_RETURN_URL)}&code_challenge=${codeChallenge}&code_challenge_method=plain`,
    ]) {
      const refused = await browser.get(`/signin?${query}`);
      expect(refused.status).toBe(400);
      expect(visibleText(refused.html)).toContain('This sign-in link is not valid');
    }
  });

  it('I18N-1 I18N-2 the pages speak the browser’s language until the user is known, then the user’s saved one', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    await env.db.query(`UPDATE users SET locale = 'de' WHERE id = $1`, [user.userId]);
    const browser = new PageClient(app.http.baseUrl, 'fr-FR,fr;q=0.9,en;q=0.5');
    const form = await browser.get('/signin');
    expect(form.headers.get('content-language')).toBe('fr');
    expect(form.html).toContain('<html lang="fr">');
    expect(visibleText(form.html)).toContain('Adresse e-mail');
    const refused = await browser.submit('/signin', { email: user.email, password: 'not the password' });
    expect(visibleText(refused.html)).toContain('L’adresse e-mail ou le mot de passe est incorrect');
    const verify = await browser.follow(await browser.submit('/signin', { email: user.email, password: PASSWORD }));
    expect(verify.headers.get('content-language')).toBe('de');
    expect(visibleText(verify.html)).toContain('Geben Sie den 6-stelligen Code ein');
  });

  it('WEB-7 SES-4 SES-5 the page session outlives its access token through the refresh token, until MFA is due again', async () => {
    const app = await env.standard();
    const user = await createEnrolledUser(app, env.clock);
    const browser = new PageClient(app.http.baseUrl);
    await browser.get('/signin');
    await browser.follow(await browser.submit('/signin', { email: user.email, password: PASSWORD }));
    expect(await browser.submit('/signin/verify', { code: user.app.code() })).toMatchObject({ status: 303, location: '/account/security' });
    const firstAccess = browser.cookie('__Host-sitepass-standard-session');
    const firstRefresh = browser.cookie('__Host-sitepass-standard-refresh');

    // 20 minutes later the access token (15 minutes) has expired: the page renews it and still opens.
    env.clock.advance(20 * 60);
    expect((await browser.get('/account/security')).status).toBe(200);
    expect(browser.cookie('__Host-sitepass-standard-session')).not.toBe(firstAccess);
    expect(browser.cookie('__Host-sitepass-standard-refresh')).not.toBe(firstRefresh);

    // Past the re-authentication interval (12 hours), the refresh is refused: sign in again, and come back.
    env.clock.advance(13 * 3600);
    expect(await browser.get('/account/security')).toMatchObject({ status: 303, location: '/signin?next=%2Faccount%2Fsecurity' });
    expect(browser.cookie('__Host-sitepass-standard-refresh')).toBeUndefined();
  });
});
