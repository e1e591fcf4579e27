import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config.error';
import { loadConfig } from './load-config';

const pem = (curve = 'prime256v1') =>
  generateKeyPairSync('ec', { namedCurve: curve }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

const secrets = {
  JWT_SIGNING_KEYS: pem(),
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  HASH_PEPPER: 'p'.repeat(32),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, { port: 3000 });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('OPS-2 gives local-development defaults for everything but secrets', () => {
    const config = loadConfig({ ...secrets }, { port: 3000 });
    expect(config).toMatchObject({
      environment: 'development',
      port: 3000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/sitepass',
      redis: { topology: 'single', url: 'redis://127.0.0.1:6379' },
      queuePrefix: '{sitepass}',
      totpIssuer: 'Sitepass',
      internalApiToken: null,
      trustedProxies: [],
      developmentSecrets: null,
    });
    expect(config.jwt.accessTokenTtlSeconds).toBe(900);
    expect(config.sms.allowedCountries).toEqual(['US', 'CA', 'MX', 'GB', 'IE', 'FR', 'DE', 'ES', 'IT', 'AU', 'NZ', 'SG', 'HK']);
  });

  it('OPS-2 names every bad variable in one error', () => {
    const problems = problemsOf({
      ...secrets,
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db',
      LOG_LEVEL: 'loud',
      TRUSTED_PROXIES: '10.0.0.0/8, not-an-ip',
    });
    expect(problems).toEqual(
      [
        'LOG_LEVEL: must be one of debug, info, warn, error',
        'DATABASE_URL: must be a postgres: or postgresql: URL',
        'PORT: must be a whole number from 0 to 65535',
        'TRUSTED_PROXIES: "not-an-ip" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal',
      ].sort((a, b) => problems.indexOf(a) - problems.indexOf(b)),
    );
    expect(problems).toHaveLength(4);
  });

  it('OPS-2 WEB-2 return URLs are whole https URLs, plain http only for localhost outside production', () => {
    const urls = 'https://app.example/mfa/done, http://localhost:8080/callback';
    expect(loadConfig({ ...secrets, WEB_RETURN_URLS: urls }, { port: 3000 }).webReturnUrls).toEqual([
      'https://app.example/mfa/done',
      'http://localhost:8080/callback',
    ]);
    expect(loadConfig({ ...secrets }, { port: 3000 }).webReturnUrls).toEqual([]);
    for (const bad of ['app.example/done', 'https://app.example/done?x=1', 'https://app.example/done#top', 'http://app.example/done']) {
      expect(problemsOf({ ...secrets, WEB_RETURN_URLS: bad })).toEqual([expect.stringMatching(/^WEB_RETURN_URLS: /)]);
    }
    expect(problemsOf({ ...secrets, NODE_ENV: 'production', WEB_RETURN_URLS: 'http://localhost:8080/callback' })).toContain(
      'WEB_RETURN_URLS: "http://localhost:8080/callback" must use https (plain http only for localhost outside production)',
    );
  });

  it('OPS-2 PASSKEY-1 the RP ID defaults to PUBLIC_HOST, and every origin is on it, https but for localhost', () => {
    expect(loadConfig({ ...secrets }, { port: 3000 }).webauthn).toEqual({ rpId: 'localhost', rpName: 'Sitepass', origins: [] });
    const config = loadConfig(
      {
        ...secrets,
        PUBLIC_HOST: 'mfa.example.com:8443',
        WEBAUTHN_RP_ID: 'Example.com',
        WEBAUTHN_ORIGINS: 'https://mfa.example.com:8443, https://example.com',
      },
      { port: 3000 },
    );
    expect(config.webauthn).toEqual({
      rpId: 'example.com',
      rpName: 'Sitepass',
      origins: ['https://mfa.example.com:8443', 'https://example.com'],
    });
    expect(loadConfig({ ...secrets, PUBLIC_HOST: 'mfa.example.com:8443' }, { port: 3000 }).webauthn.rpId).toBe('mfa.example.com');
    expect(loadConfig({ ...secrets, WEBAUTHN_ORIGINS: 'http://localhost:3000' }, { port: 3000 }).webauthn.origins).toEqual([
      'http://localhost:3000',
    ]);
    const refused = {
      'https://evil.example': 'is not on the RP ID example.com or a subdomain of it',
      'https://notexample.com': 'is not on the RP ID example.com or a subdomain of it',
      'http://mfa.example.com': 'must use https (plain http only for localhost outside production)',
      'https://mfa.example.com/signin': 'must be an origin only: scheme, host and port, no path, query or fragment',
      'mfa.example.com': 'is not an origin (scheme://host[:port])',
    };
    for (const [origin, problem] of Object.entries(refused)) {
      expect(problemsOf({ ...secrets, WEBAUTHN_RP_ID: 'example.com', WEBAUTHN_ORIGINS: origin })).toEqual([
        `WEBAUTHN_ORIGINS: "${origin}" ${problem}`,
      ]);
    }
    expect(problemsOf({ ...secrets, WEBAUTHN_RP_ID: '127.0.0.1' })).toEqual([
      'WEBAUTHN_RP_ID: "127.0.0.1" is not a domain name (an IP address cannot be an RP ID)',
    ]);
  });

  it('OPS-2 requires the secrets in production and checks their form', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'JWT_SIGNING_KEYS: is required in production',
      'ENCRYPTION_KEYS: is required in production',
      'HASH_PEPPER: is required in production',
      'SMS_PROVIDER: log prints one-time codes; use twilio in production',
      'SMTP_URL: is required in production (without it emails only go to the log)',
      'PUBLIC_HOST: is required in production (the default, localhost, is for local development)',
      'JWT_ISSUER: is required in production (the default, http://localhost:8080, is for local development)',
      'MAIL_FROM: is required in production (the default, Sitepass <no-reply@sitepass.local>, is for local development)',
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        JWT_SIGNING_KEYS: pem('secp384r1'),
        ENCRYPTION_KEYS: 'k1:c2hvcnQ=',
        HASH_PEPPER: 'short',
        SMS_PROVIDER: 'twilio',
        TWILIO_ACCOUNT_SID: 'AC1',
        TWILIO_AUTH_TOKEN: 't',
        TWILIO_FROM: '+15005550006',
        SMTP_URL: 'smtp://mail:25',
        PUBLIC_HOST: 'sitepass.example',
        JWT_ISSUER: 'https://sitepass.example',
        MAIL_FROM: 'Sitepass <no-reply@sitepass.example>',
      }),
    ).toEqual([
      'JWT_SIGNING_KEYS: key 1 is not a P-256 EC key (ES256 needs one)',
      'ENCRYPTION_KEYS: key "k1" must be 32 bytes of base64 (AES-256)',
      'HASH_PEPPER: must be at least 32 characters long',
    ]);
  });

  it('OPS-2 SES-3 reads several signing keys, newest first, with escaped newlines', () => {
    const escaped = `${pem()}${pem()}`.replace(/\n/g, '\\n');
    const config = loadConfig({ ...secrets, JWT_SIGNING_KEYS: escaped }, { port: 0 });
    expect(config.jwt.signingKeys).toHaveLength(2);
  });

  it('OPS-2 requires Twilio credentials only when Twilio is the provider', () => {
    expect(problemsOf({ ...secrets, SMS_PROVIDER: 'twilio' })).toEqual([
      'TWILIO_ACCOUNT_SID: is required when SMS_PROVIDER=twilio',
      'TWILIO_AUTH_TOKEN: is required when SMS_PROVIDER=twilio',
      'TWILIO_FROM: or TWILIO_MESSAGING_SERVICE_SID is required when SMS_PROVIDER=twilio',
    ]);
  });

  it('OPS-2 creates development secrets once and shares them between processes', () => {
    const directory = mkdtempSync(join(tmpdir(), 'sitepass-dev-'));
    const first = loadConfig({}, { port: 0, devSecretsDirectory: directory });
    const second = loadConfig({}, { port: 0, devSecretsDirectory: directory });
    expect(second.jwt.signingKeys).toEqual(first.jwt.signingKeys);
    expect(second.hashPepper.equals(first.hashPepper)).toBe(true);
    expect(JSON.parse(readFileSync(join(directory, 'dev-secrets.json'), 'utf8'))).toHaveProperty('encryptionKeys');
  });

  it('OPS-2 ABUSE-14 says which secrets came from the development file, and whether this process generated it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'sitepass-dev-'));
    const file = join(directory, 'dev-secrets.json');
    const all = ['JWT_SIGNING_KEYS', 'ENCRYPTION_KEYS', 'HASH_PEPPER'];
    expect(loadConfig({}, { port: 0, devSecretsDirectory: directory }).developmentSecrets).toEqual({
      file,
      generated: true,
      variables: all,
    });
    expect(loadConfig({}, { port: 0, devSecretsDirectory: directory }).developmentSecrets).toEqual({
      file,
      generated: false,
      variables: all,
    });
    const onlyPepper = loadConfig(
      { JWT_SIGNING_KEYS: secrets.JWT_SIGNING_KEYS, ENCRYPTION_KEYS: secrets.ENCRYPTION_KEYS },
      { port: 0, devSecretsDirectory: directory },
    );
    expect(onlyPepper.developmentSecrets).toEqual({ file, generated: false, variables: ['HASH_PEPPER'] });
  });

  it('OPS-2 ABUSE-14 INTERNAL_API_TOKEN, when set, is at least 32 characters long', () => {
    expect(problemsOf({ ...secrets, INTERNAL_API_TOKEN: 'x'.repeat(31) })).toEqual([
      'INTERNAL_API_TOKEN: must be at least 32 characters long',
    ]);
    expect(loadConfig({ ...secrets, INTERNAL_API_TOKEN: 'x'.repeat(32) }, { port: 0 }).internalApiToken).toBe('x'.repeat(32));
    expect(loadConfig({ ...secrets, INTERNAL_API_TOKEN: '' }, { port: 0 }).internalApiToken).toBeNull();
  });
  it('OPS-2 REL-4 reads an optional read-replica URL and the pool size, checked like DATABASE_URL', () => {
    expect(loadConfig({ ...secrets }, { port: 0 })).toMatchObject({ databaseReadUrl: null, databasePoolSize: 20 });
    const replica = 'postgresql://reader@replica.internal:5432/sitepass?application_name=reports';
    expect(loadConfig({ ...secrets, DATABASE_READ_URL: replica, DATABASE_POOL_SIZE: '8' }, { port: 0 })).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/sitepass',
      databaseReadUrl: replica,
      databasePoolSize: 8,
    });
    expect(loadConfig({ ...secrets, DATABASE_READ_URL: ' ' }, { port: 0 }).databaseReadUrl).toBeNull();
    expect(problemsOf({ ...secrets, DATABASE_READ_URL: 'mysql://replica/sitepass', DATABASE_POOL_SIZE: '0' })).toEqual([
      'DATABASE_READ_URL: must be a postgres: or postgresql: URL',
      'DATABASE_POOL_SIZE: must be a whole number from 1 to 1000',
    ]);
    expect(problemsOf({ ...secrets, DATABASE_READ_URL: 'replica', DATABASE_POOL_SIZE: 'twenty' })).toEqual([
      'DATABASE_READ_URL: must be a URL',
      'DATABASE_POOL_SIZE: must be a whole number from 1 to 1000',
    ]);
  });

  it('OPS-2 REL-3 Redis is a single node, a Sentinel group or a Cluster', () => {
    const redisOf = (env: Record<string, string>) => loadConfig({ ...secrets, ...env }, { port: 0 }).redis;
    expect(redisOf({ REDIS_URL: 'rediss://:secret@redis.internal:6380/2' })).toEqual({
      topology: 'single',
      url: 'rediss://:secret@redis.internal:6380/2',
    });
    expect(
      redisOf({
        REDIS_SENTINELS: 'sentinel-a:26379, 10.0.0.7:26380,[fd00::7]:26381',
        REDIS_SENTINEL_NAME: 'sitepass',
        REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
        REDIS_PASSWORD: 'node-secret',
      }),
    ).toEqual({
      topology: 'sentinel',
      sentinels: [
        { host: 'sentinel-a', port: 26379 },
        { host: '10.0.0.7', port: 26380 },
        { host: 'fd00::7', port: 26381 },
      ],
      masterName: 'sitepass',
      sentinelPassword: 'sentinel-secret',
      username: null,
      password: 'node-secret',
    });
    expect(redisOf({ REDIS_CLUSTER_NODES: 'redis-0:6379,redis-1:6379', REDIS_USERNAME: 'sitepass', REDIS_PASSWORD: 's' })).toEqual({
      topology: 'cluster',
      nodes: [
        { host: 'redis-0', port: 6379 },
        { host: 'redis-1', port: 6379 },
      ],
      username: 'sitepass',
      password: 's',
    });
  });

  it('OPS-2 REL-3 names every Redis variable that contradicts the chosen topology or is malformed', () => {
    const sentinels = { REDIS_SENTINELS: '127.0.0.1:26379', REDIS_SENTINEL_NAME: 'sitepass' };
    expect(problemsOf({ ...secrets, ...sentinels, REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER_NODES: '127.0.0.1:7000' })).toEqual([
      'REDIS_SENTINELS: cannot be set with REDIS_URL: configure one Redis topology (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES)',
      'REDIS_CLUSTER_NODES: cannot be set with REDIS_URL: configure one Redis topology (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES)',
    ]);
    expect(problemsOf({ ...secrets, REDIS_SENTINELS: '127.0.0.1:26379' })).toEqual([
      'REDIS_SENTINEL_NAME: is required with REDIS_SENTINELS: the name of the master group the sentinels monitor',
    ]);
    expect(problemsOf({ ...secrets, REDIS_SENTINEL_NAME: 'sitepass', REDIS_PASSWORD: 'x' })).toEqual([
      'REDIS_SENTINEL_NAME: is only read with REDIS_SENTINELS',
      "REDIS_PASSWORD: is only read with REDIS_SENTINELS or REDIS_CLUSTER_NODES; a single node's credentials go in REDIS_URL",
    ]);
    for (const bad of ['redis-0', 'redis-0:', 'redis-0:0', 'redis-0:70000', 'redis://redis-0:6379', 'fd00::7:6379']) {
      expect(problemsOf({ ...secrets, REDIS_CLUSTER_NODES: `redis-1:6379,${bad}` })).toEqual([
        `REDIS_CLUSTER_NODES: "${bad}" is not host:port`,
      ]);
    }
    expect(problemsOf({ ...secrets, REDIS_CLUSTER_NODES: ' , ' })).toEqual(['REDIS_CLUSTER_NODES: must list at least one host:port']);
  });

  it('OPS-2 REL-3 with a Cluster, QUEUE_PREFIX must carry a {hash tag} so that every key shares one slot', () => {
    const cluster = { ...secrets, REDIS_CLUSTER_NODES: '127.0.0.1:7000' };
    for (const prefix of ['sitepass', '{}sitepass', 'site{pass', 'site}{pass']) {
      expect(problemsOf({ ...cluster, QUEUE_PREFIX: prefix })).toEqual([
        `QUEUE_PREFIX: "${prefix}" has no {hash tag}; with REDIS_CLUSTER_NODES every key must share one slot, e.g. {sitepass}`,
      ]);
    }
    for (const prefix of ['{sitepass}', 'prod:{sitepass}', '{a}{}', 'eu-{mfa}-1']) {
      expect(loadConfig({ ...cluster, QUEUE_PREFIX: prefix }, { port: 0 }).queuePrefix).toBe(prefix);
    }
    expect(loadConfig({ ...secrets, QUEUE_PREFIX: 'sitepass' }, { port: 0 }).queuePrefix).toBe('sitepass');
  });
});
