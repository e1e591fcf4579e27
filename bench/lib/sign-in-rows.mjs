import { createHmac, randomBytes, randomUUID } from 'node:crypto';

/**
 * Pending sign-ins and TOTP challenges written straight into the bench database, shaped exactly as
 * the app writes them (same columns, same keyed token hash): the floor server's inputs. The app's
 * own phases open theirs through the API instead (password step and POST /v1/challenges).
 */
export async function insertOpenChallenges(pool, pepper, users) {
  const now = new Date();
  const expires = new Date(now.getTime() + 10 * 60 * 1000);
  const rows = users.map((user) => {
    const mfaToken = randomBytes(32).toString('base64url');
    const tokenHash = createHmac('sha256', Buffer.from(pepper, 'utf8')).update(`mfa-token\u0000${mfaToken}`).digest('base64url');
    return { user, mfaToken, tokenHash, pendingId: randomUUID(), challengeId: randomUUID() };
  });
  await pool.query(
    `INSERT INTO pending_sign_ins (id, user_id, audience, token_hash, enrollment_required, status, failed_attempts, created_at, expires_at)
     SELECT id, user_id, 'standard', token_hash, false, 'pending', 0, $3, $4 FROM unnest($1::uuid[], $2::uuid[], $5::text[]) AS t(id, user_id, token_hash)`,
    [rows.map((row) => row.pendingId), rows.map((row) => row.user.id), now, expires, rows.map((row) => row.tokenHash)],
  );
  await pool.query(
    `INSERT INTO challenges (id, user_id, factor_id, purpose, pending_sign_in_id, status, failed_attempts, created_at, expires_at)
     SELECT id, user_id, factor_id, 'sign_in', pending_id, 'pending', 0, $5, $6 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS t(id, user_id, factor_id, pending_id)`,
    [
      rows.map((row) => row.challengeId),
      rows.map((row) => row.user.id),
      rows.map((row) => row.user.factorId),
      rows.map((row) => row.pendingId),
      now,
      expires,
    ],
  );
  return rows.map(({ user, mfaToken, challengeId }) => ({ user, mfaToken, challengeId }));
}
