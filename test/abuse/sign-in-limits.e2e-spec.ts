import { randomUUID } from 'node:crypto';
import { createUser, PASSWORD, registerPhone, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';
import { auditCount, burst, tally, twoInstances } from './burst';

/** A failed password is audited (`sign_in.failed`) once it was verified: that count is the number of guesses. */
describe('ABUSE-2 ABUSE-10 sign-in limits under parallel guesses', () => {
  const env = useTestEnvironment();

  it('ABUSE-2 SEC-5 40 wrong passwords at once for one account on two instances: 10 are verified, the rest get 429', async () => {
    const instances = await twoInstances(env, 'standard');
    const user = await createUser(instances[0]);
    const responses = await burst(instances, 40, (app, index) => signIn(app, user.email, `wrong password ${index}`));
    expect(await auditCount(env, 'sign_in.failed', user.id)).toBe(10);
    expect(tally(responses)).toEqual({ '401 invalid_credentials': 10, '429 too_many_attempts': 30 });
    for (const response of responses.filter((candidate) => candidate.status === 429)) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('ABUSE-2 SEC-5 a right password in the burst is not counted as a failure, and the account is refused only once 10 failures are in', async () => {
    const instances = await twoInstances(env, 'standard');
    const user = await createUser(instances[0]);
    const responses = await burst(instances, 10, (app, index) => signIn(app, user.email, index === 0 ? PASSWORD : `wrong ${index}`));
    expect(tally(responses)).toEqual({ '200': 1, '401 invalid_credentials': 9 });
    // Nine failures: one more guess is allowed, then the account waits.
    expect((await signIn(instances[1], user.email, 'wrong again')).status).toBe(401);
    expect((await signIn(instances[0], user.email)).status).toBe(429);
  });

  it('ABUSE-10 SEC-5 150 sign-ins at once from 150 addresses of one IPv6 /64 count as one client', async () => {
    const settings = { TRUSTED_PROXIES: '127.0.0.1', LOGIN_MAX_ATTEMPTS_PER_IP: '20' };
    const instances = await twoInstances(env, 'standard', settings);
    const responses = await burst(instances, 150, (app, index) =>
      app.http.post(
        '/v1/sessions',
        { email: `nobody-${randomUUID()}@example.com`, password: 'guess' },
        { headers: { 'x-forwarded-for': `2001:db8:7:9:${index.toString(16)}::1` } },
      ),
    );
    expect(await auditCount(env, 'sign_in.failed')).toBe(20);
    expect(tally(responses)).toEqual({ '401 invalid_credentials': 20, '429 too_many_attempts': 130 });
    // Another /64 of the same /48 is another client.
    const neighbour = await instances[1].http.post(
      '/v1/sessions',
      { email: 'nobody@example.com', password: 'guess' },
      { headers: { 'x-forwarded-for': '2001:db8:7:a::1' } },
    );
    expect(neighbour.status).toBe(401);
  });

  it('ABUSE-10 SMS-5 text messages from 30 addresses of one IPv6 /64 share the 20 per client IP', async () => {
    const settings = { TRUSTED_PROXIES: '127.0.0.1' };
    const instances = await twoInstances(env, 'standard', settings);
    const senders: Array<{ factorId: string; accessToken: string }> = [];
    for (let index = 0; index < 30; index += 1) {
      const user = await createUser(instances[0]);
      const session = await signIn(instances[0], user.email);
      const factorId = await registerPhone(env.db, user.id, `+1415555${String(1000 + index)}`, env.clock.now());
      senders.push({ factorId, accessToken: session.body.accessToken as string });
    }
    const responses = await burst(instances, 30, (app, index) =>
      app.http.post(`/v1/factors/${senders[index]!.factorId}/test-message`, undefined, {
        token: senders[index]!.accessToken,
        headers: { 'x-forwarded-for': `2001:db8:5:5:${index.toString(16)}::7` },
      }),
    );
    expect(tally(responses)).toEqual({ '202': 20, '429 sms_quota_exceeded': 10 });
  });
});
