import { ApiResponse } from '../support/http-client';
import { AppKind, RunningApp, TestEnvironment } from '../support/harness';

/**
 * The attacker's tools of test/abuse: two instances of a product sharing one PostgreSQL and one Redis,
 * and bursts of requests sent at the same moment, alternating between them.
 */
export async function twoInstances(
  env: TestEnvironment,
  kind: Exclude<AppKind, 'worker'>,
  overrides: Record<string, string> = {},
): Promise<[RunningApp, RunningApp]> {
  return Promise.all([env.start(kind, overrides), env.start(kind, overrides)]);
}

/** Sends `count` requests at once; request `index` goes to instance `index % instances.length`. */
export function burst(
  instances: RunningApp[],
  count: number,
  send: (app: RunningApp, index: number) => Promise<ApiResponse>,
): Promise<ApiResponse[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => send(instances[index % instances.length]!, index)));
}

/** `{ "422 verification_failed": 4, "422 challenge_failed": 46 }`: what a burst was answered. */
export function tally(responses: ApiResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const response of responses) {
    const key = `${response.status}${response.body?.code ? ` ${response.body.code}` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** How many audit events of a type were recorded: a failed code or password is audited once it was evaluated. */
export async function auditCount(env: TestEnvironment, type: string, subjectUserId?: string): Promise<number> {
  const { rows } = subjectUserId
    ? await env.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE type = $1 AND subject_user_id = $2`, [type, subjectUserId])
    : await env.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE type = $1`, [type]);
  return rows[0].n;
}
