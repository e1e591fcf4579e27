import { addMember, createCompany, createUser, signIn } from '../support/factories';
import { RunningApp, TestEnvironment, useTestEnvironment } from '../support/harness';
import { documentedOperations, FuzzRequest, malformedRequests } from '../support/openapi-fuzz';
import { TEST_SERVICE_TOKEN } from '../support/test-config';
import { Company } from '@sitepass/database';

/** SEC-5's window: tokens are minted in a fresh one, so that the fuzz's own sign-in attempts cannot refuse them. */
const LOGIN_WINDOW_SECONDS = 900;
const BATCH = 20;

describe('malformed requests to every documented operation', () => {
  const env = useTestEnvironment();

  it('SEC-2 refuses a lone UTF-16 surrogate in a sign-in email with 400 validation_failed on both products', async () => {
    for (const app of [await env.standard(), await env.pay()]) {
      const path = app.kind === 'pay' ? '/v1/pay/sessions' : '/v1/sessions';
      const response = await app.http.post(path, { email: '\ud800', password: 'x' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', message: expect.any(String), requestId: expect.any(String) });
      expect(response.body.errors).toContainEqual({ field: 'email', message: 'email must be well-formed text' });
    }
  });

  // One test per product, each with its own time budget: the sweep grows with the API.
  it.each([
    ['standard', 5_000],
    ['pay', 3_000],
  ] as const)(
    'SEC-2 no malformed request to any documented operation of the %s app answers 5xx, and every refusal is the error body',
    async (kind, atLeast) => {
      const failures: string[] = [];
      let sent = 0;
      const instances = [await env.app(kind), await env.start(kind)];
      const operations = await documentedOperations(instances[0]!);
      expect(operations.length).toBeGreaterThan(kind === 'pay' ? 15 : 20);
      const company = await createCompany(instances[0]!, { payKind: kind === 'pay' ? 'payee' : 'none' });
      const ids = { companyId: company.id, userId: (await createUser(instances[0]!)).id };
      let tokens: Tokens | undefined;
      for (const operation of operations) {
        tokens = await usableTokens(env, instances[0]!, company, tokens);
        const credentials = {
          anonymous: undefined,
          ...tokens,
          ...(operation.path.startsWith('/internal/') ? { serviceToken: TEST_SERVICE_TOKEN } : {}),
        };
        const requests = malformedRequests(operation, ids).flatMap((request) =>
          Object.entries(credentials).map(([as, token]) => ({ ...request, as, token })),
        );
        for (let start = 0; start < requests.length; start += BATCH) {
          const batch = requests.slice(start, start + BATCH);
          const outcomes = await Promise.all(batch.map((request, index) => send(instances[(start + index) % 2]!, request)));
          failures.push(...outcomes.filter((outcome): outcome is string => outcome !== null));
        }
        sent += requests.length;
      }
      expect(sent).toBeGreaterThan(atLeast);
      expect(failures).toEqual([]);
    },
    120_000,
  );
});

type Tokens = { accessToken: string; mfaToken: string };

/**
 * A signed-in user's access token and the mfaToken of a pending sign-in, with the fuzzed company's admin
 * roles where the product lets them hold it (standard: the signed-in user; Pay: the pending one, as a payee
 * admin), so that requests get past the guards and role checks to the handlers. An operation's requests may
 * spend them (a sign-out, a pending sign-in's exhausted budget): they are then minted again, in a fresh
 * rate-limit window, so that the next operation's requests still reach its handlers.
 */
async function usableTokens(env: TestEnvironment, app: RunningApp, company: Company, current: Tokens | undefined): Promise<Tokens> {
  if (current && (await stillAccepted(app, current))) return current;
  env.clock.advance(LOGIN_WINDOW_SECONDS);
  const [member, pending] = await Promise.all([createUser(app), createUser(app, { alwaysRequireMfa: true })]);
  if (app.kind === 'standard') await addMember(app, company, member, { role: 'admin' });
  else await addMember(app, company, pending, { role: 'admin', payRoles: ['payee_admin'] });
  const [session, mfa] = await Promise.all([signIn(app, member.email), signIn(app, pending.email)]);
  if (session.body.status !== 'authenticated') throw new Error(`no access token: ${JSON.stringify(session.body)}`);
  if (mfa.body.status !== 'mfa_enrollment_required') throw new Error(`no pending sign-in: ${JSON.stringify(mfa.body)}`);
  return { accessToken: session.body.accessToken, mfaToken: mfa.body.mfaToken };
}

/** Both tokens still pass the guards: the session is current, and a challenge request gets as far as validation. */
async function stillAccepted(app: RunningApp, tokens: Tokens): Promise<boolean> {
  const base = app.kind === 'pay' ? '/v1/pay' : '/v1';
  const [session, pending] = await Promise.all([
    app.http.get(`${base}/sessions/current`, { token: tokens.accessToken }),
    app.http.post(`${base}/challenges`, {}, { token: tokens.mfaToken }),
  ]);
  return session.status === 200 && pending.status === 400;
}

/** Sends one request; a description of it when the answer breaks SEC-2 (a 5xx, or a refusal without the error body). */
async function send(app: RunningApp, request: FuzzRequest & { as: string; token?: string }): Promise<string | null> {
  const report = (outcome: string) =>
    `${app.kind}: ${request.method} ${request.path.slice(0, 100)} as ${request.as} ${JSON.stringify(request.rawBody?.slice(0, 60) ?? '')} → ${outcome}`;
  try {
    const response = await app.http.request(request.method, request.path, { rawBody: request.rawBody, token: request.token });
    const body = response.body as { code?: unknown; message?: unknown; requestId?: unknown } | string;
    const errorBody =
      typeof body === 'object' &&
      body !== null &&
      typeof body.code === 'string' &&
      typeof body.message === 'string' &&
      typeof body.requestId === 'string';
    if (response.status >= 500 || (response.status >= 300 && !errorBody)) {
      return report(`${response.status} ${typeof body === 'object' ? String(body?.code) : JSON.stringify(body.slice(0, 60))}`);
    }
    return null;
  } catch (error) {
    return report(`no readable answer: ${String(error)}`);
  }
}
