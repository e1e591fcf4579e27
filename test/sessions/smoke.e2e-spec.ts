import { createUser, signIn } from '../support/factories';
import { useTestEnvironment } from '../support/harness';

describe('smoke', () => {
  const env = useTestEnvironment();

  it('signs in', async () => {
    const app = await env.standard();
    const user = await createUser(app);
    const response = await signIn(app, user.email);
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('authenticated');
  });
});
