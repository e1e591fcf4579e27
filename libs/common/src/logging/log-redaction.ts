/**
 * SEC-1's safety net: values the logs never show even when a caller logs the wrong object. Callers still log
 * messages and ids only; this catches a DTO, a config or an upstream error logged whole by mistake.
 *
 * The keys are the names this codebase gives to what SEC-1 protects, in request and response DTOs, service
 * results and the configuration: passwords, one-time codes, TOTP secrets and everything that encodes one
 * (the otpauth URI, its QR code images), bearer tokens of every kind, key material, and phone numbers.
 * `to` (an SMS or email recipient) is left out on purpose: only the development log transports print it.
 */
export const REDACTED_KEYS = [
  'password',
  'currentPassword',
  'code',
  'emailCode',
  'recoveryCode',
  'secret',
  'otpauthUri',
  'qrCodePngDataUrl',
  'qrCodeSvg',
  'token',
  'accessToken',
  'refreshToken',
  'mfaToken',
  'deviceToken',
  'stepUpToken',
  'idToken',
  'internalApiToken',
  'authToken',
  'signingKeys',
  'encryptionKeys',
  'hashPepper',
  'phoneNumber',
] as const;

/** Headers that carry credentials; Node gives request header names in lower case. */
export const REDACTED_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'] as const;

export const LOG_CENSOR = '[redacted]';

/**
 * pino's redact paths are exact, so a key is covered at the top level and under at most this many objects or
 * arrays (`a.b.c.password`, `list[0].b.code`); deeper, it is not. Exact keys only: `Authorization` or
 * `userPassword` are not covered, nor a value inside a string such as `msg`. Each level costs, because pino
 * runs every wildcard path against every field: with these keys a two-field application line takes ~27 µs and
 * a six-field one ~90 µs, against ~2.5 µs without redaction. Application lines are rare enough to pay it;
 * request lines, one per request, use the exact paths below instead.
 */
export const REDACTION_DEPTH = 3;

/** For application lines, whose shape is whatever the caller logged. */
export function logRedactionPaths(): string[] {
  const keys = [...REDACTED_KEYS, ...REDACTED_HEADERS];
  const paths: string[] = [];
  for (let depth = 0; depth <= REDACTION_DEPTH; depth++) {
    const parents = '*.'.repeat(depth);
    for (const key of keys) paths.push(/^[A-Za-z_$][\w$]*$/.test(key) ? `${parents}${key}` : `${parents.slice(0, -1)}["${key}"]`);
  }
  return paths;
}

/**
 * For request lines, whose shape the HTTP edge fixes: scalar fields and `req.headers`. These exact paths cost
 * ~3 µs a request where the wildcard paths would cost ~160 µs. The listed keys stay covered at the top level,
 * for anything logged through pino-http's per-request logger.
 */
export function requestLineRedactionPaths(): string[] {
  return [...REDACTED_KEYS, ...REDACTED_HEADERS.map((header) => `req.headers["${header}"]`)];
}
