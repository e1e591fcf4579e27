import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/** The worktree root: the built apps run from here. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const ENTRY = {
  standard: 'dist/apps/standard-mfa/apps/standard-mfa/src/main.js',
  pay: 'dist/apps/pay-mfa/apps/pay-mfa/src/main.js',
  worker: 'dist/apps/worker/apps/worker/src/main.js',
  migrate: 'dist/apps/worker/apps/worker/src/commands/migrate.js',
};

/** Node's flags per process, as package.json's start scripts and docker-compose.yml run them. */
export const NODE_ARGS = { worker: ['--optimize-for-size'] };

/**
 * Names of this run's database and Redis prefix. They carry the process id: two benchmark runs on one
 * machine (two worktrees, two people) must never drop each other's database or delete each other's keys.
 */
export const RUN_ID = process.env.BENCH_RUN_ID ?? String(process.pid);
export const BENCH_DATABASE = `sitepass_bench_${RUN_ID}`;
export const BENCH_PREFIX = `{sitepass-bench-${RUN_ID}}`;
export const SERVICE_TOKEN = 'bench-internal-token-0123456789abcdef';
export const PASSWORD = 'bench-password-correct-horse';

/** Development secrets made for this run only: every process of the run shares them. */
export function makeSecrets() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    JWT_SIGNING_KEYS: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    HASH_PEPPER: randomBytes(32).toString('base64'),
  };
}

/**
 * The environment of every process a benchmark starts: its own database and Redis prefix, explicit
 * secrets, quiet logs, and sign-in limits raised so that rate limiting does not shape the numbers.
 * Only PATH and HOME are inherited, so a developer's shell settings cannot leak into a run.
 */
export function benchEnv(secrets, overrides = {}) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl(BENCH_DATABASE),
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: BENCH_PREFIX,
    INTERNAL_API_TOKEN: SERVICE_TOKEN,
    LOGIN_MAX_ATTEMPTS_PER_IP: '1000000',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '10000',
    // The benches seed their users by enrolling inside a sign-in; ABUSE-16's emailed code is not what they measure.
    ENROLLMENT_EMAIL_PROOF: 'off',
    // An experiment knob: the libuv pool that runs argon2 (the floors inherit it from the bench's own environment).
    ...(process.env.UV_THREADPOOL_SIZE ? { UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE } : {}),
    ...secrets,
    ...overrides,
  };
}

export function databaseUrl(name) {
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}
