import { loadConfig, SitepassConfig } from '@sitepass/config';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { databaseUrl, testDatabaseName } from './test-database';

export type EnvOverrides = Record<string, string | undefined>;

export function newSigningKeyPem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** One set of secrets per test process: every app a test starts signs and encrypts alike. */
const SECRETS = {
  JWT_SIGNING_KEYS: newSigningKeyPem(),
  ENCRYPTION_KEYS: `test1:${randomBytes(32).toString('base64')}`,
  HASH_PEPPER: randomBytes(32).toString('base64'),
};

export const TEST_SERVICE_TOKEN = 'test-service-token-0123456789abcdef';
export const TEST_ISSUER = 'https://sitepass.test';
/** The product back end a hosted page flow returns to in the tests (WEB-2). */
export const TEST_RETURN_URL = 'https://app.example/sitepass/callback';

export function workerId(): string {
  return process.env.JEST_WORKER_ID ?? '1';
}

export function testRedisPrefix(): string {
  return `{sitepass-test-${process.env.SITEPASS_TEST_RUN}-${workerId()}}`;
}

export interface TestConfigOptions {
  /** Where development secrets are kept when the overrides unset the test's own (a temporary folder). */
  devSecretsDirectory?: string;
}

/** The environment of a test app: this worker's database and prefix, the process's secrets, and the overrides. */
export function testEnvironmentVariables(overrides: EnvOverrides = {}): EnvOverrides {
  const runId = process.env.SITEPASS_TEST_RUN;
  if (!runId) throw new Error('SITEPASS_TEST_RUN is not set: run the tests through Jest (npm test)');
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_URL: databaseUrl(testDatabaseName(runId, workerId())),
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: testRedisPrefix(),
    JWT_ISSUER: TEST_ISSUER,
    INTERNAL_API_TOKEN: TEST_SERVICE_TOKEN,
    PUBLIC_HOST: 'sitepass.test',
    WEB_RETURN_URLS: TEST_RETURN_URL,
    // Tests that enroll inside a sign-in are not about ABUSE-16; its own tests turn the email proof back on.
    ENROLLMENT_EMAIL_PROOF: 'off',
    ...SECRETS,
    ...overrides,
  };
}

/** A configuration built by the real parser from a test environment: this worker's database and prefix. */
export function testConfig(overrides: EnvOverrides = {}, options: TestConfigOptions = {}): SitepassConfig {
  return loadConfig(testEnvironmentVariables(overrides), { port: 0, devSecretsDirectory: options.devSecretsDirectory });
}
