import { ConfigError } from './config.error';
import { DevelopmentSecretsUse, Environment, LogLevel, SitepassConfig, SmsProviderName, WebAuthnSettings } from './config.types';
import { loadDevSecrets, LoadedDevSecrets } from './dev-secrets';
import { Env, EnvReader } from './env-reader';
import { checkClusterPrefix, readRedis } from './redis-settings';
import { parseEncryptionKeys, parsePepper, parseSigningKeys } from './secrets';

export const STANDARD_SMS_COUNTRIES = ['US', 'CA', 'MX', 'GB', 'IE', 'FR', 'DE', 'ES', 'IT', 'AU', 'NZ', 'SG', 'HK'];

/**
 * Defaults that only make sense on a developer's machine. Production must set these itself: a token
 * issued for http://localhost:8080, an SMS bound to localhost or mail from a .local domain would all
 * "work" without an error while being wrong for every user (ABUSE-14).
 */
const LOCAL_DEFAULTS = {
  PUBLIC_HOST: 'localhost',
  JWT_ISSUER: 'http://localhost:8080',
  MAIL_FROM: 'Sitepass <no-reply@sitepass.local>',
} as const;

/** Hosts a browser treats as a secure context over plain http. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The service token guards the whole directory API: long enough that guessing it is out of reach (ABUSE-14). */
const INTERNAL_API_TOKEN_MIN_LENGTH = 32;

export interface ConfigDefaults {
  port: number;
  /** Where development secrets are kept when the environment sets none. */
  devSecretsDirectory?: string;
}

/** Parses and validates the environment once; throws ConfigError naming every bad variable (OPS-2). */
export function loadConfig(env: Env, defaults: ConfigDefaults): SitepassConfig {
  const read = new EnvReader(env);
  const environment = read.oneOf<Environment>('NODE_ENV', ['development', 'test', 'production'], 'development');
  const secrets = readSecrets(read, environment, defaults.devSecretsDirectory ?? '.sitepass');
  const smsProvider = read.oneOf<SmsProviderName>('SMS_PROVIDER', ['twilio', 'log'], 'log');

  const config: SitepassConfig = {
    environment,
    port: read.integer('PORT', defaults.port, 0, 65535),
    logLevel: read.oneOf<LogLevel>('LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info'),
    databaseUrl: read.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/sitepass', ['postgres:', 'postgresql:']),
    databaseReadUrl: read.raw('DATABASE_READ_URL') === undefined ? null : read.url('DATABASE_READ_URL', '', ['postgres:', 'postgresql:']),
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 20, 1, 1000),
    redis: readRedis(read),
    queuePrefix: read.string('QUEUE_PREFIX', '{sitepass}'),
    publicHost: read.string('PUBLIC_HOST', LOCAL_DEFAULTS.PUBLIC_HOST),
    totpIssuer: read.string('TOTP_ISSUER', 'Sitepass'),
    totpDriftSteps: read.integer('TOTP_DRIFT_STEPS', 1, 0, 4),
    jwt: {
      issuer: read.string('JWT_ISSUER', LOCAL_DEFAULTS.JWT_ISSUER),
      signingKeys: secrets.signingKeys,
      accessTokenTtlSeconds: read.integer('ACCESS_TOKEN_TTL_SECONDS', 900, 60, 3600),
    },
    encryptionKeys: secrets.encryptionKeys,
    hashPepper: secrets.hashPepper,
    developmentSecrets: secrets.developmentSecrets,
    internalApiToken: readInternalApiToken(read),
    trustedProxies: read.proxyList('TRUSTED_PROXIES'),
    rateLimits: {
      loginFailuresPerAccount: read.integer('LOGIN_MAX_FAILURES_PER_ACCOUNT', 10, 1, 10_000),
      loginAttemptsPerIp: read.integer('LOGIN_MAX_ATTEMPTS_PER_IP', 100, 1, 1_000_000),
      loginWindowSeconds: read.integer('LOGIN_RATE_WINDOW_SECONDS', 900, 1, 86_400),
    },
    sms: {
      provider: smsProvider,
      twilio: {
        baseUrl: read.url('TWILIO_BASE_URL', 'https://api.twilio.com', ['http:', 'https:']),
        accountSid: read.optional('TWILIO_ACCOUNT_SID'),
        authToken: read.optional('TWILIO_AUTH_TOKEN'),
        from: read.optional('TWILIO_FROM'),
        messagingServiceSid: read.optional('TWILIO_MESSAGING_SERVICE_SID'),
        timeoutMs: read.integer('TWILIO_TIMEOUT_MS', 10_000, 100, 120_000),
      },
      allowedCountries: read.list('SMS_ALLOWED_COUNTRIES', STANDARD_SMS_COUNTRIES).map((code) => code.toUpperCase()),
      dailyCapPerCountry: read.integer('SMS_DAILY_CAP_PER_COUNTRY', 1000, 1, 10_000_000),
      maxAttempts: read.integer('SMS_MAX_ATTEMPTS', 6, 1, 50),
      backoffMs: read.integer('SMS_BACKOFF_MS', 2000, 1, 600_000),
      concurrency: read.integer('SMS_CONCURRENCY', 16, 1, 256),
      prefixGuard: {
        windowMinutes: read.integer('SMS_PREFIX_GUARD_WINDOW_MINUTES', 60, 5, 1440),
        minSends: read.integer('SMS_PREFIX_GUARD_MIN_SENDS', 20, 1, 1_000_000),
        baselineFactor: read.decimal('SMS_PREFIX_GUARD_BASELINE_FACTOR', 5, 1, 1000),
        minConversion: read.decimal('SMS_PREFIX_GUARD_MIN_CONVERSION', 0.3, 0, 1),
      },
    },
    mail: {
      smtpUrl: read.raw('SMTP_URL') === undefined ? null : read.url('SMTP_URL', '', ['smtp:', 'smtps:']),
      from: read.string('MAIL_FROM', LOCAL_DEFAULTS.MAIL_FROM),
    },
    enrollmentEmailProof: read.oneOf('ENROLLMENT_EMAIL_PROOF', ['required', 'off'] as const, 'required'),
    webauthn: readWebAuthn(read, environment),
    webReturnUrls: readReturnUrls(read, environment),
    payIdleTimeoutSeconds: read.integer('PAY_IDLE_TIMEOUT_SECONDS', 30 * 60, 60, 24 * 3600),
    outboxPollMs: read.integer('OUTBOX_POLL_MS', 500, 10, 60_000),
    outboxRequeueAfterSeconds: read.integer('OUTBOX_REQUEUE_AFTER_SECONDS', 60, 1, 3600),
  };
  checkTwilio(read, config);
  checkClusterPrefix(read, config);
  checkProductionTransports(read, config);
  checkProductionSetsLocalDefaults(read, environment);
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

function readSecrets(read: EnvReader, environment: Environment, devDirectory: string) {
  const names = ['JWT_SIGNING_KEYS', 'ENCRYPTION_KEYS', 'HASH_PEPPER'] as const;
  const missing = names.filter((name) => read.raw(name) === undefined);
  if (environment === 'production') missing.forEach((name) => read.fail(name, 'is required in production', null));
  const dev: LoadedDevSecrets | null = missing.length > 0 && environment !== 'production' ? loadDevSecrets(devDirectory) : null;
  const value = (name: (typeof names)[number], devValue: string | undefined) => read.raw(name) ?? devValue;
  const signingKeys = value(names[0], dev?.secrets.jwtSigningKeys);
  const encryptionKeys = value(names[1], dev?.secrets.encryptionKeys);
  const pepper = value(names[2], dev?.secrets.hashPepper);
  const developmentSecrets: DevelopmentSecretsUse | null = dev && { file: dev.file, generated: dev.generated, variables: [...missing] };
  return {
    signingKeys: signingKeys === undefined ? [] : parseSigningKeys(read, names[0], signingKeys),
    encryptionKeys: encryptionKeys === undefined ? [] : parseEncryptionKeys(read, names[1], encryptionKeys),
    hashPepper: pepper === undefined ? Buffer.alloc(0) : parsePepper(read, names[2], pepper),
    developmentSecrets,
  };
}

/**
 * WEB-2: where a page flow may send the browser back with a code. Whole URLs without query or fragment, as
 * OAuth's redirect URIs; https in production (plain http only for a loopback host elsewhere).
 */
function readReturnUrls(read: EnvReader, environment: Environment): string[] {
  const urls = read.list('WEB_RETURN_URLS', []);
  for (const value of urls) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return read.fail('WEB_RETURN_URLS', `"${value}" is not an absolute URL`, []);
    }
    if (url.search || url.hash || value.includes('#')) return read.fail('WEB_RETURN_URLS', `"${value}" must have no query or fragment`, []);
    const loopback = LOOPBACK_HOSTS.includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && environment !== 'production')) {
      return read.fail('WEB_RETURN_URLS', `"${value}" must use https (plain http only for localhost outside production)`, []);
    }
  }
  return urls;
}

/**
 * PASSKEY-1, OPS-2: the relying party. The RP ID defaults to PUBLIC_HOST's host name; each origin must be a
 * bare origin on the RP ID or one of its subdomains, https (plain http only for localhost outside
 * production, as browsers allow), so that a passkey made on one of them works on all of them.
 */
function readWebAuthn(read: EnvReader, environment: Environment): WebAuthnSettings {
  const publicHost = read.string('PUBLIC_HOST', LOCAL_DEFAULTS.PUBLIC_HOST);
  const rpId = read.string('WEBAUTHN_RP_ID', hostNameOf(publicHost)).toLowerCase();
  const settings = { rpId, rpName: read.string('WEBAUTHN_RP_NAME', 'Sitepass'), origins: read.list('WEBAUTHN_ORIGINS', []) };
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(rpId) || /^[\d.]+$/.test(rpId)) {
    return read.fail('WEBAUTHN_RP_ID', `"${rpId}" is not a domain name (an IP address cannot be an RP ID)`, settings);
  }
  for (const value of settings.origins) {
    const problem = originProblem(value, rpId, environment);
    if (problem) return read.fail('WEBAUTHN_ORIGINS', `"${value}" ${problem}`, { ...settings, origins: [] });
  }
  return settings;
}

function hostNameOf(publicHost: string): string {
  try {
    return new URL(`https://${publicHost}`).hostname;
  } catch {
    return publicHost;
  }
}

function originProblem(value: string, rpId: string, environment: Environment): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an origin (scheme://host[:port])';
  }
  if (url.origin !== value.replace(/\/$/, '')) return 'must be an origin only: scheme, host and port, no path, query or fragment';
  const loopback = LOOPBACK_HOSTS.includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && environment !== 'production')) {
    return 'must use https (plain http only for localhost outside production)';
  }
  if (url.hostname !== rpId && !url.hostname.endsWith(`.${rpId}`)) return `is not on the RP ID ${rpId} or a subdomain of it`;
  return null;
}

function readInternalApiToken(read: EnvReader): string | null {
  const token = read.optional('INTERNAL_API_TOKEN');
  if (token !== null && token.length < INTERNAL_API_TOKEN_MIN_LENGTH) {
    return read.fail('INTERNAL_API_TOKEN', `must be at least ${INTERNAL_API_TOKEN_MIN_LENGTH} characters long`, null);
  }
  return token;
}

function checkTwilio(read: EnvReader, config: SitepassConfig): void {
  const twilio = config.sms.twilio;
  if (config.sms.provider !== 'twilio') return;
  if (!twilio.accountSid) read.fail('TWILIO_ACCOUNT_SID', 'is required when SMS_PROVIDER=twilio', null);
  if (!twilio.authToken) read.fail('TWILIO_AUTH_TOKEN', 'is required when SMS_PROVIDER=twilio', null);
  if (!twilio.from && !twilio.messagingServiceSid) {
    read.fail('TWILIO_FROM', 'or TWILIO_MESSAGING_SERVICE_SID is required when SMS_PROVIDER=twilio', null);
  }
}

/** The log SMS provider prints codes and the log mail transport delivers nothing: development only (SEC-1). */
function checkProductionTransports(read: EnvReader, config: SitepassConfig): void {
  if (config.environment !== 'production') return;
  if (config.sms.provider === 'log') read.fail('SMS_PROVIDER', 'log prints one-time codes; use twilio in production', null);
  if (!config.mail.smtpUrl) read.fail('SMTP_URL', 'is required in production (without it emails only go to the log)', null);
}

function checkProductionSetsLocalDefaults(read: EnvReader, environment: Environment): void {
  if (environment !== 'production') return;
  for (const [name, fallback] of Object.entries(LOCAL_DEFAULTS)) {
    if (read.raw(name) === undefined)
      read.fail(name, `is required in production (the default, ${fallback}, is for local development)`, null);
  }
}
