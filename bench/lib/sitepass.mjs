import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expectStatus } from './http.mjs';
import { closedLoop } from './load.mjs';
import { PASSWORD, SERVICE_TOKEN } from './env.mjs';
import { base32Decode, currentStep, secretOfUri, totpCode } from './totp.mjs';

/** Creates users through the internal directory API (DIR-4); each costs one argon2 hash. */
export async function createUsers(api, count, { alwaysRequireMfa, label }) {
  const users = new Array(count);
  const run = await closedLoop({
    concurrency: 8,
    total: count,
    task: async (index) => {
      const email = `${label}-${index}-${randomUUID().slice(0, 8)}@bench.example`;
      const created = await api.post('/internal/v1/users', { email, password: PASSWORD, alwaysRequireMfa }, { token: SERVICE_TOKEN });
      users[index] = { id: expectStatus(created, 201, 'create user').id, email };
    },
  });
  if (run.errors > 0) throw new Error(`creating users: ${run.errors} errors, first: ${run.firstError}`);
  return users;
}

/** The password step (argon2): `expected` is the status the sign-in must answer with. */
export async function signIn(api, user, expected, headers = {}) {
  const response = await api.post('/v1/sessions', { email: user.email, password: PASSWORD }, { headers });
  const body = expectStatus(response, 200, 'sign in');
  if (body.status !== expected) throw new Error(`sign in: expected ${expected}, got ${JSON.stringify(body)}`);
  return body;
}

/**
 * Enrolls an authenticator app inside a forced sign-in (LOGIN-4): start, read the secret from the
 * otpauth URI, confirm with the code of the previous step (still accepted, TOTP_DRIFT_STEPS = 1), so
 * that the current step stays unused and the user can verify again at once.
 */
export async function enrollTotp(api, user) {
  const first = await signIn(api, user, 'mfa_enrollment_required');
  const started = expectStatus(
    await api.post('/v1/enrollments', { factorType: 'totp' }, { token: first.mfaToken }),
    201,
    'start TOTP enrollment',
  );
  const key = base32Decode(secretOfUri(started.totp.otpauthUri));
  // Near the end of a step the previous step's code could be two steps old on arrival: wait it out.
  const intoStepMs = Date.now() % 30_000;
  if (intoStepMs > 25_000) await sleep(30_000 - intoStepMs + 50);
  const step = currentStep() - 1;
  const confirmed = await api.post(
    `/v1/enrollments/${started.enrollmentId}/confirm`,
    { code: totpCode(key, step) },
    { token: first.mfaToken },
  );
  expectStatus(confirmed, 200, 'confirm TOTP enrollment');
  return { ...user, factorId: started.enrollmentId, key, lastStep: step };
}

/** A pending sign-in (password step) and a TOTP challenge in it: what one verification consumes. */
export async function openTotpChallenge(api, user) {
  const pending = await signIn(api, user, 'mfa_required');
  const challenge = expectStatus(
    await api.post('/v1/challenges', { factorId: user.factorId }, { token: pending.mfaToken }),
    201,
    'issue challenge',
  );
  return { user, mfaToken: pending.mfaToken, challengeId: challenge.challengeId };
}

/** Runs `task` over every item with bounded concurrency and fails on the first error. */
export async function forEachLimited(items, concurrency, task) {
  const results = new Array(items.length);
  const run = await closedLoop({
    concurrency,
    total: items.length,
    task: async (index) => (results[index] = await task(items[index], index)),
  });
  if (run.errors > 0) throw new Error(`${run.errors} of ${items.length} failed, first: ${run.firstError}`);
  return { results, elapsedMs: run.elapsedMs };
}
