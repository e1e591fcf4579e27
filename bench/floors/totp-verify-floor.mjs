// The floor of PERF-1: a bare node:http handler for POST /v1/challenges/:id/verify that does what a
// successful TOTP verification inside a sign-in cannot avoid, with `pg` and nothing else:
//   reads   the pending sign-in by its token hash, the challenge and the factor (3 SELECTs)
//   then, in one transaction:
//   takes   the attempt from its budgets before the code is checked (ABUSE-1): the account's (an UPDATE
//           of the user's row, which locks it and returns it) and the challenge's and sign-in's (one UPDATE
//           statement of both)
//   checks  the code (AES-GCM open of the secret, RFC 6238 with ±1 step)
//   writes  the replay guard (UPDATE factors … last_used_step < $step RETURNING), the challenge verified,
//           the attempt given back, the pending sign-in completed, the session, its refresh token, the
//           trusted device (the standard product trusts devices, SES-6), two audit rows
//   signs   an ES256 access token
// It skips what a request that succeeds does not need: failure accounting, policy re-evaluation, a
// no-op reset of the failure count. Environment: the bench's DATABASE_URL, HASH_PEPPER,
// ENCRYPTION_KEYS, JWT_SIGNING_KEYS and PORT.
import { createDecipheriv, createHmac, createPrivateKey, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { base32Decode, currentStep, totpCode } from '../lib/totp.mjs';

const env = process.env;
// The app's pool settings (libs/database): 20 connections, idle ones kept for 5 minutes.
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 20, idleTimeoutMillis: 300_000 });
const pepper = Buffer.from(env.HASH_PEPPER, 'utf8');
const keys = new Map(
  env.ENCRYPTION_KEYS.split(',').map((entry) => [
    entry.slice(0, entry.indexOf(':')),
    Buffer.from(entry.slice(entry.indexOf(':') + 1), 'base64'),
  ]),
);
// Parsed once, as the app's SigningKeys does: a PEM string would be parsed again on every signature.
const signingKey = createPrivateKey(env.JWT_SIGNING_KEYS);
const ROUTE = /^\/v1\/challenges\/([0-9a-f-]{36})\/verify$/;
const SESSION_SECONDS = 30 * 24 * 3600;

const keyedHash = (purpose, value) => createHmac('sha256', pepper).update(`${purpose}\u0000${value}`).digest('base64url');

function openSecret(keyId, ciphertext, aad) {
  const raw = Buffer.from(ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keys.get(keyId), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

function matchingStep(secret, code, now) {
  const key = base32Decode(secret);
  const step = currentStep(now.getTime());
  return [step - 1, step, step + 1].find((candidate) => totpCode(key, candidate) === code) ?? null;
}

async function readJson(request) {
  let raw = '';
  for await (const chunk of request) raw += chunk;
  return JSON.parse(raw);
}

async function verify(challengeId, token, code) {
  const now = new Date();
  const {
    rows: [pending],
  } = await pool.query('SELECT id, user_id, audience, status, expires_at FROM pending_sign_ins WHERE token_hash = $1', [
    keyedHash('mfa-token', token),
  ]);
  if (!pending || pending.audience !== 'standard' || pending.status !== 'pending' || pending.expires_at <= now)
    return [401, { code: 'invalid_token' }];
  const {
    rows: [challenge],
  } = await pool.query(
    'SELECT id, factor_id, pending_sign_in_id, purpose, status, expires_at FROM challenges WHERE id = $1 AND user_id = $2',
    [challengeId, pending.user_id],
  );
  if (!challenge || challenge.pending_sign_in_id !== pending.id) return [404, { code: 'not_found' }];
  const {
    rows: [factor],
  } = await pool.query('SELECT id, status, secret_ciphertext, secret_key_id FROM factors WHERE id = $1 AND user_id = $2', [
    challenge.factor_id,
    pending.user_id,
  ]);
  if (!factor || factor.status === 'revoked') return [422, { code: 'challenge_failed' }];

  const refreshToken = randomBytes(32).toString('base64url');
  const deviceToken = randomBytes(32).toString('base64url');
  const sessionId = randomUUID();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const {
      rows: [user],
    } = await client.query(
      `UPDATE users SET mfa_failure_count = mfa_failure_count + 1 WHERE id = $1 AND status = 'active' AND mfa_locked_at IS NULL
       AND (mfa_blocked_until IS NULL OR mfa_blocked_until <= $2) RETURNING id`,
      [pending.user_id, now],
    );
    const {
      rows: [taken],
    } = await client.query(
      `WITH challenge AS (UPDATE challenges SET failed_attempts = failed_attempts + 1 WHERE id = $1 AND status = 'pending' AND failed_attempts < 5 AND expires_at > $3 RETURNING id),
       sign_in AS (UPDATE pending_sign_ins SET failed_attempts = failed_attempts + 1 WHERE id = $2 AND status = 'pending' AND failed_attempts < 10 RETURNING id)
       SELECT (SELECT id FROM challenge) AS challenge, (SELECT id FROM sign_in) AS sign_in`,
      [challenge.id, pending.id, now],
    );
    if (!user || !taken.challenge || !taken.sign_in) {
      await client.query('ROLLBACK');
      return [422, { code: 'challenge_failed' }];
    }
    const step = matchingStep(openSecret(factor.secret_key_id, factor.secret_ciphertext, `factor:${factor.id}:totp-secret`), code, now);
    if (step === null) {
      await client.query('ROLLBACK');
      return [422, { code: 'verification_failed' }];
    }
    const claimed = await client.query(
      `UPDATE factors SET last_used_step = $2 WHERE id = $1 AND status IN ('pending', 'active') AND (last_used_step IS NULL OR last_used_step < $2) RETURNING id`,
      [factor.id, step],
    );
    const verified =
      claimed.rowCount &&
      (await client.query(
        `UPDATE challenges SET status = 'verified', verified_at = $2, code_ciphertext = NULL WHERE id = $1 AND status = 'pending' RETURNING id`,
        [challenge.id, now],
      ));
    if (!verified?.rowCount) {
      await client.query('ROLLBACK');
      return [422, { code: 'code_already_used' }];
    }
    await client.query(
      `WITH sign_in AS (UPDATE pending_sign_ins SET failed_attempts = failed_attempts - 1 WHERE id = $2)
       UPDATE users SET mfa_failure_count = 0, mfa_blocked_until = NULL WHERE id = $1`,
      [user.id, pending.id],
    );
    await client.query(
      `UPDATE pending_sign_ins SET status = 'completed', ended_at = $2 WHERE id = $1 AND status = 'pending' RETURNING id`,
      [pending.id, now],
    );
    await client.query(
      `INSERT INTO sessions (id, user_id, audience, acr, amr, auth_time, mfa_time, created_at, expires_at, ip, user_agent)
       VALUES ($1, $2, 'standard', 'aal2', $3, $4, $4, $4, $5, '127.0.0.1', 'bench')`,
      [sessionId, user.id, ['pwd', 'otp'], now, new Date(now.getTime() + SESSION_SECONDS * 1000)],
    );
    await client.query('INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)', [
      keyedHash('refresh-token', refreshToken),
      sessionId,
      now,
    ]);
    await client.query(
      'INSERT INTO trusted_devices (id, user_id, token_hash, amr, mfa_time, created_at, factor_id) VALUES ($1, $2, $3, $4, $5, $5, $6)',
      [randomUUID(), user.id, keyedHash('device-token', deviceToken), ['pwd', 'otp'], now, factor.id],
    );
    await client.query(
      `INSERT INTO audit_events (occurred_at, type, actor_user_id, subject_user_id, ip, user_agent, request_id, data)
       VALUES ($1, 'mfa.verified', $2, $2, '127.0.0.1', 'bench', $3, '{"factorType":"totp"}'), ($1, 'sign_in.succeeded', $2, $2, '127.0.0.1', 'bench', $3, '{"acr":"aal2"}')`,
      [now, user.id, randomUUID()],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const claims = {
    iss: 'http://localhost:8080',
    sub: pending.user_id,
    aud: 'standard',
    iat: nowSeconds,
    exp: nowSeconds + 900,
    jti: randomUUID(),
    sid: sessionId,
    acr: 'aal2',
    amr: ['pwd', 'otp'],
    auth_time: nowSeconds,
    mfa_time: nowSeconds,
  };
  const accessToken = jwt.sign(claims, signingKey, { algorithm: 'ES256', keyid: 'bench' });
  return [200, { status: 'authenticated', accessToken, refreshToken, tokenType: 'Bearer', expiresIn: 900, deviceToken }];
}

async function handle(request) {
  if (request.method === 'GET' && request.url === '/health/ready') return [200, { status: 'ready' }];
  const match = request.method === 'POST' && request.url.match(ROUTE);
  if (!match) return [404, { code: 'not_found' }];
  const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  const { code } = await readJson(request);
  return verify(match[1], token, code);
}

http
  .createServer((request, response) => {
    handle(request)
      .catch((error) => [500, { code: 'internal_error', message: error.message }])
      .then(([status, body]) => {
        const text = JSON.stringify(body);
        response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        response.end(text);
      });
  })
  .listen(Number(env.PORT), '127.0.0.1');
