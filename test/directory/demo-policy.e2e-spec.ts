import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DEMO_POLICY, seedDemoDirectory, seedDemoPolicy } from '../../apps/worker/src/commands/demo-directory';
import { signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';

describe('the demo’s company policy', () => {
  const env = useTestEnvironment();

  it('DIR-4 POL-1 LOGIN-4 npm run demo gives Acme Builders an enforced policy once, so Bob is asked to enroll at sign-in', async () => {
    const app = await env.standard();
    const context = { get: (token: unknown) => (token === DataSource ? app.get(DataSource) : app.get(token as never)) } as never;
    await seedDemoDirectory(context);
    await seedDemoPolicy(context, env.clock.now());
    const { rows } = await env.db.query(
      `SELECT p.required, p.time_zone, p.version, p.enforcement_starts_at <= $1 AS enforced FROM company_policies p JOIN companies c ON c.id = p.company_id WHERE c.name = 'Acme Builders'`,
      [env.clock.now()],
    );
    expect(rows).toEqual([{ required: true, time_zone: DEMO_POLICY.timeZone, version: 1, enforced: true }]);
    expect((await signIn(app, 'bob@acme.example', DEMO_PASSWORD)).body.status).toBe('mfa_enrollment_required');

    // Set once: a policy the admin changed since is left alone.
    env.clock.advance(86_400);
    await seedDemoPolicy(context, env.clock.now());
    const again = await env.db.query(`SELECT version FROM company_policies`);
    expect(again.rows).toEqual([{ version: 1 }]);
  });
});
