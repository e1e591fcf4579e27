import { randomUUID } from 'node:crypto';
import { createUser, PASSWORD, signIn } from '../support/factories';
import { eventually, FakeTwilio } from '../support/fake-twilio';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { twilioWorkerEnv } from '../support/mfa';
import { SmtpSink } from '../support/smtp-sink';
import { TEST_SERVICE_TOKEN } from '../support/test-config';

/** The shape of a body: its field names, and those of its field errors, never their wording (I18N-5). */
function shapeOf(body: Record<string, unknown>): unknown {
  const errors = body.errors as Array<Record<string, unknown>> | undefined;
  return { keys: Object.keys(body).sort(), code: body.code, fields: errors?.map((error) => [error.field, Object.keys(error).sort()]) };
}

const service = { token: TEST_SERVICE_TOKEN };

describe('languages (I18N)', () => {
  const env = useTestEnvironment();

  async function signedIn(app: RunningApp, locale?: string) {
    const user = await createUser(app, locale ? { locale: locale as never } : {});
    const { accessToken } = (await signIn(app, user.email)).body as { accessToken: string };
    return { user, accessToken };
  }

  it('I18N-1 I18N-5 an Accept-Language: de caller gets a German message with the same code, status and shape', async () => {
    const app = await env.standard();
    const user = await createUser(app);
    const wrongPassword = { email: user.email, password: 'not the password at all' };
    const english = await app.http.post('/v1/sessions', wrongPassword);
    const german = await app.http.post('/v1/sessions', wrongPassword, { headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' } });
    expect(english.body.message).toBe('The email or password is not correct.');
    expect(german.status).toBe(english.status);
    expect(german.body).toMatchObject({ code: 'invalid_credentials', message: 'E-Mail-Adresse oder Passwort ist falsch.' });
    expect(shapeOf(german.body)).toEqual(shapeOf(english.body));

    const invalid = { email: 'not an email', password: 'x', admin: true };
    const englishFields = await app.http.post('/v1/sessions', invalid);
    const germanFields = await app.http.post('/v1/sessions', invalid, { headers: { 'accept-language': 'de' } });
    expect(germanFields.status).toBe(400);
    expect(shapeOf(germanFields.body)).toEqual(shapeOf(englishFields.body));
    expect(germanFields.body).toMatchObject({ code: 'validation_failed', message: 'Die Anfrage enthält ungültige Felder.' });
    expect(germanFields.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'email muss eine E-Mail-Adresse sein' },
        { field: 'admin', message: 'Eigenschaft admin ist nicht zulässig' },
      ]),
    );
  });

  it('I18N-1 I18N-5 framework errors and unknown languages: a French 404, and English for Italian', async () => {
    const app = await env.standard();
    const french = await app.http.get('/v1/nothing-here', { headers: { 'accept-language': 'fr-BE' } });
    expect(french.status).toBe(404);
    expect(french.body).toEqual({ code: 'not_found', message: 'Il n’y a rien à cette adresse.', requestId: expect.any(String) });
    const italian = await app.http.get('/v1/nothing-here', { headers: { 'accept-language': 'it-IT, it;q=0.9' } });
    expect(italian.body.message).toBe('There is nothing at this address.');
  });

  it('I18N-2 the saved locale beats Accept-Language for an authenticated caller', async () => {
    const app = await env.standard();
    const { accessToken } = await signedIn(app, 'ja');
    const missing = await app.http.delete(`/v1/factors/${randomUUID()}`, {
      token: accessToken,
      body: { currentPassword: PASSWORD },
      headers: { 'accept-language': 'de' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'not_found', message: '認証要素が見つかりません。', requestId: expect.any(String) });
  });

  it('I18N-2 ABUSE-13 a password sign-in never answers in the locale of the account the email names', async () => {
    const app = await env.standard();
    const { user } = await signedIn(app, 'ja');
    const refused = await app.http.post(
      '/v1/sessions',
      { email: user.email, password: 'wrong password here' },
      { headers: { 'accept-language': 'pl' } },
    );
    expect(refused.body).toMatchObject({ code: 'invalid_credentials', message: 'Adres e-mail lub hasło jest nieprawidłowe.' });
  });

  it('I18N-2 a user sets their own language with PUT /v1/me/locale, and null goes back to Accept-Language', async () => {
    const app = await env.standard();
    const { accessToken } = await signedIn(app);
    const notFound = () =>
      app.http.delete(`/v1/factors/${randomUUID()}`, {
        token: accessToken,
        body: { currentPassword: PASSWORD },
        headers: { 'accept-language': 'es-MX' },
      });
    expect((await notFound()).body.message).toBe('No se ha encontrado el factor.');

    const saved = await app.http.put('/v1/me/locale', { locale: 'fr-CA' }, { token: accessToken });
    expect(saved.status).toBe(200);
    expect(saved.body.locale).toBe('fr-CA');
    expect(saved.body.supportedLocales).toContainEqual({ locale: 'ja', name: '日本語' });
    expect(saved.body.supportedLocales).toHaveLength(10);
    expect((await app.http.get('/v1/me/locale', { token: accessToken })).body.locale).toBe('fr-CA');
    expect((await notFound()).body.message).toBe('Ce facteur est introuvable.');

    const italian = await app.http.put('/v1/me/locale', { locale: 'it' }, { token: accessToken, headers: { 'accept-language': 'de' } });
    expect(italian.status).toBe(400);
    expect(italian.body).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'locale', message: expect.stringContaining('fr-CA') }],
    });
    expect(italian.body.message).toBe('La requête contient des champs non valides.');

    expect((await app.http.put('/v1/me/locale', { locale: null }, { token: accessToken })).body.locale).toBeNull();
    expect((await notFound()).body.message).toBe('No se ha encontrado el factor.');
  });

  it('I18N-2 DIR-4 the internal directory API saves a user’s locale, as the supported locale that serves the tag', async () => {
    const app = await env.standard();
    const created = await app.http.post(
      '/internal/v1/users',
      { email: `${randomUUID()}@example.com`, password: PASSWORD, locale: 'pt' },
      service,
    );
    expect(created.status).toBe(201);
    const localeOf = async () => (await env.db.query(`SELECT locale FROM users WHERE id = $1`, [created.body.id])).rows[0].locale;
    expect(await localeOf()).toBe('pt-BR');
    expect((await app.http.patch(`/internal/v1/users/${created.body.id}`, { locale: 'zh-SG' }, service)).status).toBe(204);
    expect(await localeOf()).toBe('zh-Hans');
    const unknown = await app.http.patch(`/internal/v1/users/${created.body.id}`, { locale: 'tlh' }, service);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'locale', message: expect.stringContaining('must be a language Sitepass speaks') }]);
    expect((await app.http.patch(`/internal/v1/users/${created.body.id}`, { status: 'active' }, service)).status).toBe(204);
    expect(await localeOf()).toBe('zh-Hans');
    expect((await app.http.patch(`/internal/v1/users/${created.body.id}`, { locale: null }, service)).status).toBe(204);
    expect(await localeOf()).toBeNull();
    await expect(env.db.query(`UPDATE users SET locale = 'it' WHERE id = $1`, [created.body.id])).rejects.toThrow(/users_locale_check/);
  });

  it('I18N-1 WEB-7 an error page is in the request’s language', async () => {
    const app = await env.start('standard', {}, { pages: { prefixes: ['/pages'] } });
    const page = await app.http.get('/pages/nothing-here', { headers: { 'accept-language': 'zh-CN' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-language')).toBe('zh-Hans');
    expect(page.body).toContain('<html lang="zh-Hans">');
    expect(page.body).toContain('<title>未找到</title>');
    expect(page.body).toContain('<p>此地址下没有任何内容。</p>');
    expect(page.body).toContain('请求 ID：');
  });
});

describe('texts and emails in the recipient’s language (I18N-2)', () => {
  const env = useTestEnvironment();
  let twilio: FakeTwilio;
  let smtp: SmtpSink;

  beforeAll(async () => {
    twilio = await new FakeTwilio().start();
    smtp = await new SmtpSink().start();
    await env.start('worker', twilioWorkerEnv(twilio.url, { SMTP_URL: smtp.url, MAIL_FROM: 'Sitepass <security@sitepass.test>' }));
  });
  afterAll(async () => {
    await twilio.close();
    await smtp.close();
  });

  /** The code of the last text to a number, from its WebOTP line: the same in every language. */
  const webOtpCode = (to: string) =>
    twilio.delivered
      .filter((request) => request.form.To === to)
      .at(-1)
      ?.form.Body?.match(/\n@sitepass\.test #(\d{6})$/)?.[1];

  async function enrollPhone(app: RunningApp, locale: string | undefined, phoneNumber: string) {
    const user = await createUser(app, { alwaysRequireMfa: true, ...(locale ? { locale: locale as never } : {}) });
    const { mfaToken } = (await signIn(app, user.email)).body as { mfaToken: string };
    const started = await app.http.post(
      '/v1/enrollments',
      { factorType: 'sms', phoneNumber },
      { token: mfaToken, headers: { 'accept-language': 'de' } },
    );
    expect(started.status).toBe(202);
    await eventually(() => expect(webOtpCode(phoneNumber)).toMatch(/^\d{6}$/));
    const code = webOtpCode(phoneNumber)!;
    const confirmed = await app.http.post(`/v1/enrollments/${started.body.enrollmentId}/confirm`, { code }, { token: mfaToken });
    expect(confirmed.status).toBe(200);
    return { user, code, body: twilio.delivered.filter((request) => request.form.To === phoneNumber).at(-1)!.form.Body };
  }

  it('I18N-2 a user with saved locale fr gets French SMS and email', async () => {
    const app = await env.standard();
    const { user, code, body } = await enrollPhone(app, 'fr', '+33612345678');
    expect(body).toBe(
      `Votre code Sitepass est ${code}. Il expire dans 10 minutes.\nL'équipe Sitepass ne vous le demandera jamais. Ne le partagez pas.\n\n@sitepass.test #${code}`,
    );
    await eventually(() =>
      expect(smtp.to(user.email).map((mail) => mail.subject)).toEqual(['Sitepass : une méthode de connexion a été ajoutée']),
    );
    const { text } = smtp.to(user.email)[0]!;
    expect(text).toContain('Un numéro de téléphone pour les SMS a été ajouté à votre compte pour la connexion en deux étapes.');
    expect(text).toContain('Si ce n’était pas vous, contactez immédiatement l’administrateur de votre entreprise ou le support Sitepass.');
  });

  it('I18N-2 a user without a saved locale gets English texts and emails, whatever their requests accepted', async () => {
    const app = await env.standard();
    const { user, code, body } = await enrollPhone(app, undefined, '+14155550177');
    expect(body).toBe(
      `Your Sitepass code is ${code}. It expires in 10 minutes.\nSitepass staff will never ask you for this code. Do not share it.\n\n@sitepass.test #${code}`,
    );
    await eventually(() => expect(smtp.to(user.email).map((mail) => mail.subject)).toEqual(['Sitepass: a sign-in method was added']));
  });

  it('I18N-2 I18N-4 SMS-8 a Japanese test message goes out in Japanese, and SEC-1 no job or outbox row carries the text', async () => {
    const app = await env.standard();
    const { user } = await enrollPhone(app, 'ja', '+6581234567');
    // The phone is the user's factor now: a test message needs a session, which an SMS sign-in gives.
    const token = await smsSession(app, user.email, '+6581234567');
    const { rows } = await env.db.query(`SELECT id FROM factors WHERE user_id = $1 AND status = 'active'`, [user.id]);
    env.clock.advance(60);
    const sent = await app.http.post(`/v1/factors/${rows[0].id}/test-message`, undefined, { token });
    expect(sent.status).toBe(202);
    await eventually(() =>
      expect(twilio.delivered.filter((request) => request.form.To === '+6581234567').at(-1)!.form.Body).toContain('テストメッセージ'),
    );
    const outbox = await env.db.query(`SELECT params FROM outbox WHERE user_id = $1`, [user.id]);
    for (const { params } of outbox.rows) expect(JSON.stringify(params)).not.toMatch(/テスト|Sitepass|\d{6}/);
  });

  async function smsSession(app: RunningApp, email: string, phoneNumber: string): Promise<string> {
    const { mfaToken, factors } = (await signIn(app, email)).body as { mfaToken: string; factors: Array<{ id: string }> };
    env.clock.advance(60); // past SMS-5's 30-second cooldown of the number
    const challenge = await app.http.post('/v1/challenges', { factorId: factors[0]!.id }, { token: mfaToken });
    expect(challenge.status).toBe(202);
    const before = twilio.delivered.length;
    await eventually(() => expect(twilio.delivered.length).toBeGreaterThan(before));
    const verified = await app.http.post(
      `/v1/challenges/${challenge.body.challengeId}/verify`,
      { code: webOtpCode(phoneNumber) },
      { token: mfaToken },
    );
    expect(verified.status).toBe(200);
    return verified.body.accessToken as string;
  }
});
