import { createUser, signIn } from '../support/factories';
import { RunningApp, useTestEnvironment } from '../support/harness';

describe('SMS-5 resend cooldown and SMS quotas', () => {
  const env = useTestEnvironment();

  async function startSms(app: RunningApp, phoneNumber: string, headers: Record<string, string> = {}) {
    const user = await createUser(app, { alwaysRequireMfa: true });
    const { mfaToken } = (await signIn(app, user.email)).body;
    const response = await app.http.post('/v1/enrollments', { factorType: 'sms', phoneNumber }, { token: mfaToken, headers });
    return { response, mfaToken, user };
  }

  it('SMS-5 refuses a resend within 30 seconds with Retry-After, on any instance', async () => {
    const first = await env.standard();
    const second = await env.start('standard');
    const { response, mfaToken } = await startSms(first, '+14155550301');
    expect(response.status).toBe(202);
    const enrollmentId = response.body.enrollmentId;
    env.clock.advance(10);
    const tooSoon = await second.http.post(`/v1/enrollments/${enrollmentId}/resend`, undefined, { token: mfaToken });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.code).toBe('resend_too_soon');
    expect(tooSoon.headers.get('retry-after')).toBe('20');
    env.clock.advance(20);
    expect((await second.http.post(`/v1/enrollments/${enrollmentId}/resend`, undefined, { token: mfaToken })).status).toBe(202);
  });

  it('SMS-5 allows at most 5 SMS per user per hour, counted across instances', async () => {
    const instances = [await env.standard(), await env.start('standard')];
    const { response, mfaToken } = await startSms(instances[0]!, '+14155550302');
    const enrollmentId = response.body.enrollmentId;
    // Each resend waits out SMS-11's backoff, which starts after the third SMS within 10 minutes: 30 s, 30 s, 1 min, 2 min.
    const waits = [30, 30, 60, 120];
    for (let resend = 1; resend <= 4; resend += 1) {
      env.clock.advance(waits[resend - 1]!);
      expect(
        (await instances[resend % 2]!.http.post(`/v1/enrollments/${enrollmentId}/resend`, undefined, { token: mfaToken })).status,
      ).toBe(202);
    }
    env.clock.advance(240);
    const sixth = await instances[1]!.http.post(`/v1/enrollments/${enrollmentId}/resend`, undefined, { token: mfaToken });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('sms_quota_exceeded');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('SMS-5 allows at most 5 SMS per phone number per hour, whoever asks', async () => {
    const app = await env.standard();
    for (let user = 1; user <= 5; user += 1) {
      expect((await startSms(app, '+14155550303')).response.status).toBe(202);
      env.clock.advance(30);
    }
    const sixth = await startSms(app, '+14155550303');
    expect(sixth.response.body.code).toBe('sms_quota_exceeded');
    expect((await startSms(app, '+14155550304')).response.status).toBe(202);
  });

  it('SMS-5 allows at most 20 SMS per client IP per hour, across instances', async () => {
    // All 21 numbers share the prefix +1415: SMS-10's guard would block it after 20 unverified sends.
    const settings = { TRUSTED_PROXIES: '127.0.0.1', SMS_PREFIX_GUARD_MIN_SENDS: '1000' };
    const instances = [await env.start('standard', settings), await env.start('standard', settings)];
    const fromIp = { 'x-forwarded-for': '198.51.100.7' };
    for (let index = 0; index < 20; index += 1) {
      const { response } = await startSms(instances[index % 2]!, `+1415555${String(400 + index).padStart(4, '0')}`, fromIp);
      expect(response.status).toBe(202);
    }
    const refused = await startSms(instances[0]!, '+14155550499', fromIp);
    expect(refused.response.body.code).toBe('sms_quota_exceeded');
    const otherIp = await startSms(instances[1]!, '+14155550498', { 'x-forwarded-for': '198.51.100.8' });
    expect(otherIp.response.status).toBe(202);
  });

  it('SMS-5 applies the configurable daily cap per destination country', async () => {
    const app = await env.start('standard', { SMS_DAILY_CAP_PER_COUNTRY: '2' });
    expect((await startSms(app, '+14155550501')).response.status).toBe(202);
    expect((await startSms(app, '+14155550502')).response.status).toBe(202);
    const third = await startSms(app, '+14155550503');
    expect(third.response.body.code).toBe('sms_quota_exceeded');
    expect((await startSms(app, '+447400123456')).response.status).toBe(202);
    env.clock.advance(24 * 3600);
    expect((await startSms(app, '+14155550503')).response.status).toBe(202);
  });
});
