import { User } from '@sitepass/database';
import { addMember, createUser, PASSWORD, signIn } from '../support/factories';
import { eventually } from '../support/fake-twilio';
import { useTestEnvironment } from '../support/harness';
import { createEnrolledUser, signInWithTotp } from '../support/mfa';
import { enrollPasskey, newAuthenticator, PASSKEYS, passwordless } from '../support/passkeys';
import { adminToken, createCompanyWithAdmin, setPolicy } from '../support/policy';
import { SmtpSink } from '../support/smtp-sink';

describe('passkeys among the other factors: removal, resets, reports, notices, and deployments without them', () => {
  const env = useTestEnvironment();

  /** A user with an authenticator app and a passkey, and a session fresh enough for changes (POL-8). */
  async function userWithPasskey(app: Awaited<ReturnType<typeof env.start>>, overrides: Record<string, unknown> = {}) {
    const user = await createEnrolledUser(app, env.clock, overrides);
    const accessToken = (await signInWithTotp(app, user)).verified.body.accessToken as string;
    const laptop = newAuthenticator();
    const { confirmed } = await enrollPasskey(app, accessToken, laptop, { name: 'Laptop', currentPassword: PASSWORD });
    return { user, accessToken, laptop, passkeyId: confirmed.body.factor.id as string };
  }

  it('PASSKEY-2 POL-8 a passkey is removed like any factor, and the last factor stays while MFA is required', async () => {
    const app = await env.start('standard', PASSKEYS);
    const { user, accessToken, laptop, passkeyId } = await userWithPasskey(app);
    const removed = await app.http.delete(`/v1/factors/${passkeyId}`, { token: accessToken, body: { currentPassword: PASSWORD } });
    expect(removed.status).toBe(204);
    const refused = await signIn(app, user.email);
    expect(refused.body.factors.map((factor: { type: string }) => factor.type)).toEqual(['totp']);
    expect((await (await passwordless(app, laptop)).answer()).body.code).toBe('invalid_credentials');

    // A user whose only factor is a passkey keeps it while MFA is required of them.
    const solo = await createUser(app, { alwaysRequireMfa: true });
    const first = await signIn(app, solo.email);
    expect(first.body.allowedFactorTypes).toEqual(['totp', 'sms', 'webauthn']);
    const key = newAuthenticator();
    const enrolled = await enrollPasskey(app, first.body.mfaToken, key, { name: 'Only key' });
    expect(enrolled.confirmed.status).toBe(200);
    // A first factor comes with the recovery code (REC-1), and the sign-in completes with the passkey (LOGIN-4).
    expect(enrolled.confirmed.body).toMatchObject({ recoveryCode: expect.any(String), accessToken: expect.any(String) });
    const last = await app.http.delete(`/v1/factors/${enrolled.confirmed.body.factor.id}`, {
      token: enrolled.confirmed.body.accessToken,
      body: { currentPassword: PASSWORD },
    });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('last_factor_required');
  });

  it('PASSKEY-2 RESET-2 POL-7 an admin reset revokes passkeys with the other factors; the report names the type', async () => {
    const app = await env.start('standard', PASSKEYS);
    const { company, admin } = await createCompanyWithAdmin(app, env.clock);
    const token = await adminToken(app, admin);
    await setPolicy(app, token, company.id, { enforcementDate: '2026-03-02', timeZone: 'UTC' });
    const { user, laptop, passkeyId } = await userWithPasskey(app);
    await addMember(app, company, { id: user.userId } as User);

    const report = await app.http.get(`/v1/companies/${company.id}/members/mfa-status`, { token });
    const row = report.body.items.find((item: { userId: string }) => item.userId === user.userId);
    expect(row.factorTypes).toEqual(['totp', 'webauthn']);

    const reset = await app.http.post(`/v1/companies/${company.id}/mfa-resets`, { email: user.email, identityVerified: true }, { token });
    expect(reset.status).toBe(201);
    expect(reset.body.factorsRevoked).toBe(2);
    const { rows } = await env.db.query(`SELECT status, revoked_reason FROM factors WHERE id = $1`, [passkeyId]);
    expect(rows).toEqual([{ status: 'revoked', revoked_reason: 'admin_reset' }]);
    expect((await (await passwordless(app, laptop)).answer()).body.code).toBe('invalid_credentials');
    expect((await signIn(app, user.email)).body.status).toBe('mfa_enrollment_required');
  });

  it('PASSKEY-1 OPS-2 without WEBAUTHN_ORIGINS passkeys are neither offered nor accepted', async () => {
    const app = await env.start('standard');
    const user = await createUser(app, { alwaysRequireMfa: true });
    const first = await signIn(app, user.email);
    expect(first.body.allowedFactorTypes).toEqual(['totp', 'sms']);
    const refused = await app.http.post('/v1/enrollments', { factorType: 'webauthn' }, { token: first.body.mfaToken });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'factor_type_not_allowed', allowedFactorTypes: ['totp', 'sms'] });
    const ceremony = await app.http.post('/v1/sessions/passkey-ceremonies', {});
    expect(ceremony.status).toBe(422);
    expect(ceremony.body.code).toBe('factor_type_not_allowed');
    const pay = await env.start('pay');
    expect((await pay.http.post('/v1/pay/sessions/passkey-ceremonies', {})).body.code).toBe('factor_type_not_allowed');
  });

  it('PASSKEY-2 NOTE-2 the security email names a passkey when one is added or removed', async () => {
    const smtp = await new SmtpSink().start();
    try {
      await env.start('worker', { SMTP_URL: smtp.url, MAIL_FROM: 'Sitepass <security@sitepass.test>', OUTBOX_POLL_MS: '50' });
      const app = await env.start('standard', PASSKEYS);
      const { user, accessToken, passkeyId } = await userWithPasskey(app);
      await app.http.delete(`/v1/factors/${passkeyId}`, { token: accessToken, body: { currentPassword: PASSWORD } });
      const texts = () => smtp.to(user.email).map((mail) => mail.text);
      await eventually(() => expect(texts().filter((text) => /A passkey was (added|removed)/.test(text))).toHaveLength(2));
    } finally {
      await smtp.close();
    }
  });
});
