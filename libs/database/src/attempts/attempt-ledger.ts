import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { entityFromJson } from '../json-rows';
import { writeReturning } from '../returning';
import { User } from '../users/user.entity';

/** The rows one attempt counts against; absent ids are not counted. */
export interface AttemptRows {
  userId: string;
  challengeId?: string | null;
  pendingSignInId?: string | null;
  stepUpSessionId?: string | null;
  /** Whether the attempt counts in the account's consecutive failures. */
  countsForAccount: boolean;
}

export interface AttemptLimits {
  challenge: number;
  signIn: number;
  stepUpSession: number;
  /** Seconds the account waits after its n-th consecutive failure, at index n - 1 (0: no wait); past the end, the last. */
  delaysAfterFailure: readonly number[];
}

/** The counts after taking; null where the row was not counted. */
export interface ScopeCounts {
  challenge: number | null;
  signIn: number | null;
  stepUpSession: number | null;
}

/**
 * Takes one attempt from every budget of its scope, all or none. Runs after the user's row is locked, so
 * the rows below change only under that lock; a budget already spent matches no row and the caller rolls
 * the whole reservation back. One statement: it runs on every MFA attempt (PERF-1).
 */
const TAKE_FROM_SCOPE = `
  WITH challenge AS (
    UPDATE challenges SET failed_attempts = failed_attempts + 1
    WHERE id = $1 AND status = 'pending' AND failed_attempts < $2 AND expires_at > $3 RETURNING failed_attempts),
  sign_in AS (
    UPDATE pending_sign_ins SET failed_attempts = failed_attempts + 1
    WHERE id = $4 AND status = 'pending' AND failed_attempts < $5 AND expires_at > $3 RETURNING failed_attempts),
  step_up_session AS (
    UPDATE sessions SET step_up_failures = step_up_failures + 1
    WHERE id = $6 AND revoked_at IS NULL AND step_up_failures < $7 RETURNING step_up_failures)
  SELECT (SELECT failed_attempts FROM challenge) AS challenge,
         (SELECT failed_attempts FROM sign_in) AS sign_in,
         (SELECT step_up_failures FROM step_up_session) AS step_up_session`;

/** An accepted attempt was no failure: it gives back what it took and ends the account's consecutive count. */
const GIVE_BACK = `
  WITH challenge AS (UPDATE challenges SET failed_attempts = failed_attempts - 1 WHERE id = $2),
  sign_in AS (UPDATE pending_sign_ins SET failed_attempts = failed_attempts - 1 WHERE id = $3),
  step_up_session AS (UPDATE sessions SET step_up_failures = step_up_failures - 1 WHERE id = $4)
  UPDATE users SET mfa_failure_count = 0, mfa_blocked_until = NULL
  WHERE id = $1 AND (mfa_failure_count > 0 OR mfa_blocked_until IS NOT NULL)`;

/**
 * The attempt counters of LOGIN-5 and PAY-9, and the only writer of them: `users.mfa_failure_count`,
 * `mfa_blocked_until` and `mfa_locked_at`, `challenges.failed_attempts`, `pending_sign_ins.failed_attempts`
 * and `sessions.step_up_failures`. They sit on four tables but change together, in the statements below,
 * so they have one owner; every other column has its table's repository (docs/architecture.md).
 */
@Injectable()
export class AttemptLedger {
  /**
   * Takes one attempt from the account's budget: locks the user's row, counts the attempt when it counts
   * for the account, and starts the wait that this count brings. Null, with nothing changed, when the
   * account is inactive, locked or still waiting.
   */
  async takeFromAccount(manager: EntityManager, rows: AttemptRows, now: Date, limits: AttemptLimits): Promise<User | null> {
    const [account] = await writeReturning<{ user: Record<string, unknown> }>(
      manager,
      `UPDATE users SET
         mfa_failure_count = mfa_failure_count + $2,
         mfa_blocked_until = CASE WHEN $2 = 1 AND coalesce(($4::int[])[mfa_failure_count + 1], $5) > 0
           THEN $3::timestamptz + make_interval(secs => coalesce(($4::int[])[mfa_failure_count + 1], $5))
           ELSE mfa_blocked_until END
       WHERE id = $1 AND status = 'active' AND mfa_locked_at IS NULL AND (mfa_blocked_until IS NULL OR mfa_blocked_until <= $3)
       RETURNING to_jsonb(users) AS "user"`,
      [rows.userId, rows.countsForAccount ? 1 : 0, now, limits.delaysAfterFailure, limits.delaysAfterFailure.at(-1) ?? 0],
    );
    return account ? entityFromJson(manager, User, account.user) : null;
  }

  /** Takes one attempt from the challenge's, the sign-in's and the step-up session's budgets; call after `takeFromAccount`. */
  async takeFromScope(manager: EntityManager, rows: AttemptRows, now: Date, limits: AttemptLimits): Promise<ScopeCounts> {
    const [taken] = await manager.query(TAKE_FROM_SCOPE, [
      rows.challengeId ?? null,
      limits.challenge,
      now,
      rows.pendingSignInId ?? null,
      limits.signIn,
      rows.stepUpSessionId ?? null,
      limits.stepUpSession,
    ]);
    return { challenge: taken.challenge, signIn: taken.sign_in, stepUpSession: taken.step_up_session };
  }

  async giveBack(manager: EntityManager, rows: AttemptRows): Promise<void> {
    await manager.query(GIVE_BACK, [rows.userId, rows.challengeId ?? null, rows.pendingSignInId ?? null, rows.stepUpSessionId ?? null]);
  }

  async endChallenge(manager: EntityManager, challengeId: string): Promise<void> {
    await manager.query(`UPDATE challenges SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [challengeId]);
  }

  async endSignIn(manager: EntityManager, pendingSignInId: string, at: Date): Promise<void> {
    await manager.query(`UPDATE pending_sign_ins SET status = 'failed', ended_at = $2 WHERE id = $1 AND status = 'pending'`, [
      pendingSignInId,
      at,
    ]);
  }

  async lockAccount(manager: EntityManager, userId: string, at: Date): Promise<void> {
    await manager.query(`UPDATE users SET mfa_locked_at = $2 WHERE id = $1`, [userId, at]);
  }

  /** Only a reset lifts the lock and the delays (LOGIN-5, RESET-2). */
  async clearAccount(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE users SET mfa_failure_count = 0, mfa_blocked_until = NULL, mfa_locked_at = NULL WHERE id = $1`, [userId]);
  }

  /** Why a sign-in took no attempt: its status and count. */
  async signInState(manager: EntityManager, pendingSignInId: string): Promise<{ status: string; failedAttempts: number } | null> {
    const [row] = await manager.query(`SELECT status, failed_attempts FROM pending_sign_ins WHERE id = $1`, [pendingSignInId]);
    return row ? { status: row.status, failedAttempts: row.failed_attempts } : null;
  }

  /** Why a challenge took no attempt: its status and expiry. */
  async challengeState(manager: EntityManager, challengeId: string): Promise<{ status: string; expiresAt: Date } | null> {
    const [row] = await manager.query(`SELECT status, expires_at FROM challenges WHERE id = $1`, [challengeId]);
    return row ? { status: row.status, expiresAt: row.expires_at } : null;
  }
}
