import { addMember, PASSWORD, registerPhone, signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';
import { AuthenticatorApp, createEnrolledUser, EnrolledUser, signInWithTotp } from '../support/mfa';
import { adminToken, createCompanyWithAdmin, setPolicy } from '../support/policy';
import { TEST_SERVICE_TOKEN } from '../support/test-config';
import { burst, tally, twoInstances } from './burst';
import { User } from '@sitepass/database';
import { Client } from 'pg';
import { eventually } from '../support/fake-twilio';
import { testConfig } from '../support/test-config';

/**
 * ABUSE-9: a trusted device (SES-6) is bound to the factor that trusted it. Each test trusts a device,
 * then changes what it stood on while sign-ins with the device run on both instances, and checks that
 * no sign-in skips the MFA step once the change is in.
 */
describe('ABUSE-9 trusted devices', () => {
  const env = useTestEnvironment();

  /** An enrolled user with a phone too (so MFA stays required when the app goes), a trusted device and a fresh MFA session. */
  async function trustedDevice() {
    const instances = await twoInstances(env, 'standard');
    const user = await createEnrolledUser(instances[0], env.clock);
    const phoneId = await registerPhone(env.db, user.userId, '+14155550123', env.clock.now());
    const { body } = (await signInWithTotp(instances[0], user)).verified;
    env.clock.advance(30);
    return { instances, user, phoneId, deviceToken: body.deviceToken as string, accessToken: body.accessToken as string };
  }

  const withDevice = (app: RunningApp, user: EnrolledUser, deviceToken: string) => signIn(app, user.email, PASSWORD, { deviceToken });

  /** Device sign-ins during `change`, then one after it: once the change answered, none may skip MFA. */
  async function expectDeviceRevokedBy(
    instances: RunningApp[],
    user: EnrolledUser,
    deviceToken: string,
    change: () => Promise<{ status: number }>,
  ) {
    expect((await withDevice(instances[1], user, deviceToken)).body.status).toBe('authenticated');
    const [changed] = await Promise.all([change(), burst(instances, 6, (app) => withDevice(app, user, deviceToken))]);
    expect(changed.status).toBeLessThan(300);
    const after = await burst(instances, 4, (app) => withDevice(app, user, deviceToken));
    for (const answer of after) expect(answer.body.status).not.toBe('authenticated');
  }

  it('ABUSE-9 SES-6 removing the factor that trusted a device revokes the device', async () => {
    const { instances, user, deviceToken, accessToken } = await trustedDevice();
    await expectDeviceRevokedBy(instances, user, deviceToken, () =>
      instances[0].http.delete(`/v1/factors/${user.factorId}`, { token: accessToken, body: { currentPassword: PASSWORD } }),
    );
    expect((await withDevice(instances[0], user, deviceToken)).body.status).toBe('mfa_required');
  });

  it('ABUSE-9 TOTP-5 replacing the authenticator app revokes the devices the old one trusted', async () => {
    const { instances, user, deviceToken, accessToken } = await trustedDevice();
    const started = await instances[0].http.post(
      '/v1/enrollments',
      { factorType: 'totp', currentPassword: PASSWORD },
      { token: accessToken },
    );
    const phone = AuthenticatorApp.fromUri(started.body.totp.otpauthUri, env.clock);
    await expectDeviceRevokedBy(instances, user, deviceToken, () =>
      instances[1].http.post(`/v1/enrollments/${started.body.enrollmentId}/confirm`, { code: phone.code() }, { token: accessToken }),
    );
  });

  it('ABUSE-9 REC-3 redeeming the recovery code revokes every trusted device', async () => {
    const { instances, user, deviceToken } = await trustedDevice();
    const { mfaToken } = (await signIn(instances[0], user.email)).body;
    await expectDeviceRevokedBy(instances, user, deviceToken, () =>
      instances[1].http.post('/v1/recovery-codes/redeem', { code: user.recoveryCode }, { token: mfaToken }),
    );
  });

  it('ABUSE-9 a password change revokes every trusted device and every session', async () => {
    const { instances, user, deviceToken, accessToken } = await trustedDevice();
    await expectDeviceRevokedBy(instances, user, deviceToken, () =>
      instances[0].http.patch(`/internal/v1/users/${user.userId}`, { password: PASSWORD }, { token: TEST_SERVICE_TOKEN }),
    );
    for (const app of instances)
      expect((await app.http.get('/v1/sessions/current', { token: accessToken })).body.code).toBe('session_revoked');
  });

  it('ABUSE-9 RESET-2 an admin reset revokes every trusted device', async () => {
    const { instances, user, deviceToken } = await trustedDevice();
    const { company, admin } = await createCompanyWithAdmin(instances[0], env.clock);
    await addMember(instances[0], company, { id: user.userId } as User);
    const token = await adminToken(instances[0], admin);
    await setPolicy(instances[0], token, company.id, { enforcementDate: '2026-06-01', timeZone: 'UTC' });
    await expectDeviceRevokedBy(instances, user, deviceToken, () =>
      instances[1].http.post(`/v1/companies/${company.id}/mfa-resets`, { email: user.email, identityVerified: true }, { token }),
    );
  });

  it('ABUSE-9 SES-7 signing out everywhere revokes every session, on both products, and every trusted device', async () => {
    const { instances, user, deviceToken, accessToken } = await trustedDevice();
    const pay = await env.pay();
    const payAccess = (await signInWithTotp(pay, user)).verified.body.accessToken;
    expect((await pay.http.get('/v1/pay/sessions/current', { token: payAccess })).status).toBe(200);
    await expectDeviceRevokedBy(instances, user, deviceToken, () => instances[1].http.delete('/v1/sessions', { token: accessToken }));
    const live = await env.db.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`, [user.userId]);
    expect(live.rows[0].n).toBe(0);
    for (const app of instances)
      expect((await app.http.get('/v1/sessions/current', { token: accessToken })).body.code).toBe('session_revoked');
    expect((await pay.http.get('/v1/pay/sessions/current', { token: payAccess })).body.code).toBe('session_revoked');
  });

  it('ABUSE-9 users list their trusted devices and revoke one or all; another user’s device is a 404', async () => {
    const { instances, user, deviceToken, accessToken } = await trustedDevice();
    const listed = await instances[1].http.get('/v1/me/trusted-devices', { token: accessToken });
    expect(listed.status).toBe(200);
    // Newest first: this device, then the one the enrollment's sign-in trusted.
    const device = {
      id: expect.any(String),
      createdAt: expect.any(String),
      mfaTime: expect.any(String),
      amr: ['pwd', 'otp'],
      factorId: user.factorId,
      ip: '127.0.0.1',
      userAgent: 'node',
    };
    expect(listed.body.items).toEqual([device, device]);
    expect(listed.body.items[0].createdAt > listed.body.items[1].createdAt).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain(deviceToken);
    const other = await createEnrolledUser(instances[0], env.clock);
    const otherAccess = (await signInWithTotp(instances[0], other)).verified.body.accessToken;
    const deviceId = listed.body.items[0].id;
    expect((await instances[0].http.delete(`/v1/me/trusted-devices/${deviceId}`, { token: otherAccess })).status).toBe(404);

    await expectDeviceRevokedBy(instances, user, deviceToken, () =>
      instances[0].http.delete(`/v1/me/trusted-devices/${deviceId}`, { token: accessToken }),
    );
    expect((await instances[0].http.delete(`/v1/me/trusted-devices/${deviceId}`, { token: accessToken })).status).toBe(404);
    expect((await instances[0].http.get('/v1/me/trusted-devices', { token: accessToken })).body.items).toEqual([listed.body.items[1]]);

    env.clock.advance(30);
    const second = (await signInWithTotp(instances[0], user)).verified.body;
    const revokeAll = await burst(instances, 4, (app) => app.http.delete('/v1/me/trusted-devices', { token: second.accessToken }));
    expect(tally(revokeAll)).toEqual({ '204': 4 });
    expect((await withDevice(instances[1], user, second.deviceToken)).body.status).toBe('mfa_required');
  });

  it('ABUSE-9 SES-7 a device sign-in that checked its device just before a sign-out everywhere opens no session after it', async () => {
    const { instances, user, deviceToken, accessToken } = await trustedDevice();
    const holder = new Client({ connectionString: testConfig().databaseUrl });
    await holder.connect();
    try {
      // Hold the user's row, so that the sign-out everywhere waits for it, then a device sign-in behind it.
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE`, [user.userId]);
      const waiting = async (count: number) => {
        const { rows } = await env.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(rows[0].n).toBe(count);
      };
      const signedOut = instances[1].http.delete('/v1/sessions', { token: accessToken });
      await eventually(() => waiting(1));
      // The device is still live when this sign-in reads it; its session opens only after the sign-out commits.
      const signedIn = withDevice(instances[0], user, deviceToken);
      await eventually(() => waiting(2));
      await holder.query('COMMIT');
      expect((await signedOut).status).toBe(204);
      expect((await signedIn).body.status).not.toBe('authenticated');
      const live = await env.db.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`, [user.userId]);
      expect(live.rows[0].n).toBe(0);
    } finally {
      await holder.end();
    }
  });

  it('ABUSE-9 RESET-2 a device sign-in waiting behind a reset that holds the user neither deadlocks it nor opens a session', async () => {
    const { instances, user, deviceToken } = await trustedDevice();
    const holder = new Client({ connectionString: testConfig().databaseUrl });
    await holder.connect();
    try {
      // A revocation's order, as a reset does it: the user's row, then the devices.
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE`, [user.userId]);
      const signedIn = withDevice(instances[0], user, deviceToken);
      await eventually(async () => {
        const { rows } = await env.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(rows[0].n).toBe(1);
      });
      await holder.query(`SET LOCAL lock_timeout = '5s'`);
      await holder.query(`UPDATE trusted_devices SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [user.userId]);
      await holder.query('COMMIT');
      const answer = await signedIn;
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.status).not.toBe('authenticated');
    } finally {
      await holder.end();
    }
  });
});
