export type Environment = 'development' | 'test' | 'production';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type SmsProviderName = 'twilio' | 'log';

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface TwilioSettings {
  baseUrl: string;
  accountSid: string | null;
  authToken: string | null;
  from: string | null;
  messagingServiceSid: string | null;
  timeoutMs: number;
}

export interface RateLimitSettings {
  /** Password attempts that failed for one account within the window (SEC-5). */
  loginFailuresPerAccount: number;
  /** Password attempts, successful or not, from one client IP within the window (SEC-5). */
  loginAttemptsPerIp: number;
  loginWindowSeconds: number;
}

export interface SmsSettings {
  provider: SmsProviderName;
  twilio: TwilioSettings;
  allowedCountries: string[];
  dailyCapPerCountry: number;
  maxAttempts: number;
  backoffMs: number;
  /** SMS jobs one worker process sends at once. */
  concurrency: number;
  prefixGuard: SmsPrefixGuardSettings;
}

/**
 * SMS-10: a destination prefix is blocked when, within the window, it has at least `minSends` sends, more
 * than `baselineFactor` times its usual volume for that hour of the week, and fewer than `minConversion`
 * of them verified.
 */
export interface SmsPrefixGuardSettings {
  windowMinutes: number;
  minSends: number;
  baselineFactor: number;
  minConversion: number;
}

/** ABUSE-16: whether the first factor enrolled inside a sign-in must also be proven with a code emailed to the user. */
export type EnrollmentEmailProof = 'required' | 'off';

export interface MailSettings {
  smtpUrl: string | null;
  from: string;
}

/**
 * PASSKEY-1: the relying party passkeys are bound to. Passkeys are offered only when `origins` is set: the
 * browser reports the origin of every ceremony, and only an origin listed here is accepted.
 */
export interface WebAuthnSettings {
  /** The registrable domain passkeys are scoped to: a passkey made for it works on it and its subdomains. */
  rpId: string;
  /** The name authenticators show beside the account. */
  rpName: string;
  /** Exact origins (scheme, host, port) the pages that run the ceremonies are served from. */
  origins: string[];
}

export interface RedisNode {
  host: string;
  port: number;
}

/**
 * REL-3: the Redis every process connects to, in one of three topologies. Sentinel and Cluster nodes share
 * one set of credentials; a single node's are in its URL.
 */
export type RedisSettings =
  | { topology: 'single'; url: string }
  | {
      topology: 'sentinel';
      /** Asked in order for the address of the group's current master. */
      sentinels: RedisNode[];
      /** The master group's name, as the sentinels monitor it. */
      masterName: string;
      /** The sentinels' own password (their requirepass), when they have one. */
      sentinelPassword: string | null;
      username: string | null;
      password: string | null;
    }
  | {
      topology: 'cluster';
      /** Seeds: any reachable one tells the client the rest of the cluster. */
      nodes: RedisNode[];
      username: string | null;
      password: string | null;
    };

/** Secrets taken from the development file because the environment set none (never in production). */
export interface DevelopmentSecretsUse {
  /** Absolute path of the file. */
  file: string;
  /** Whether this process created the file or found it already there. */
  generated: boolean;
  /** The variables whose value came from the file. */
  variables: string[];
}

/** Everything the processes read from the environment, parsed and validated once at start-up (OPS-2). */
export interface SitepassConfig {
  environment: Environment;
  port: number;
  logLevel: LogLevel;
  databaseUrl: string;
  /**
   * REL-4: a read replica for the reports (member status, the company audit list), or null: they read the
   * primary. Every write, and every read that a decision depends on, uses databaseUrl.
   */
  databaseReadUrl: string | null;
  /** REL-4: the most connections this process opens to each database (the primary, and the replica if set). */
  databasePoolSize: number;
  redis: RedisSettings;
  /** Starts every Redis key (counters, the revocation set, BullMQ's queues); its {hash tag} picks their Cluster slot. */
  queuePrefix: string;
  publicHost: string;
  totpIssuer: string;
  /** TOTP steps accepted either side of the current one (TOTP-4): 1 means ±30 s. */
  totpDriftSteps: number;
  jwt: {
    issuer: string;
    /** ES256 private keys in PEM, newest first: the first signs, all verify (SES-3). */
    signingKeys: string[];
    accessTokenTtlSeconds: number;
  };
  /** Newest first: the first encrypts, any decrypts (TOTP-6). */
  encryptionKeys: EncryptionKey[];
  hashPepper: Buffer;
  /** Set when a secret came from the development file: every entry point warns about it at start (ABUSE-14). */
  developmentSecrets: DevelopmentSecretsUse | null;
  internalApiToken: string | null;
  /** Express "trust proxy" values: addresses or CIDR ranges whose X-Forwarded-For is believed (SEC-4). */
  trustedProxies: string[];
  rateLimits: RateLimitSettings;
  sms: SmsSettings;
  mail: MailSettings;
  enrollmentEmailProof: EnrollmentEmailProof;
  webauthn: WebAuthnSettings;
  /** WEB-2: the only URLs a hosted page flow may return to, compared whole (scheme, host, port, path). */
  webReturnUrls: string[];
  /** PAY-8: a Payments session idle this long must prove MFA again. */
  payIdleTimeoutSeconds: number;
  outboxPollMs: number;
  /** A row not finished this long after its last enqueue is enqueued again (a lost job, a wiped Redis). */
  outboxRequeueAfterSeconds: number;
}
