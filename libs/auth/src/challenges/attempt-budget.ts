import { Injectable } from '@nestjs/common';
import { Clock, Metrics, addSeconds } from '@sitepass/common';
import { writeReturning } from '@sitepass/database';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../directory/user.entity';
import { DomainError } from '../errors/domain.error';
import { Notifications } from '../notifications/security-notices';

/** LOGIN-5. */
export const CHALLENGE_MAX_FAILURES = 5;
export const SIGN_IN_MAX_FAILURES = 10;
/** PAY-9: failed step-ups a session survives. */
export const STEP_UP_MAX_FAILURES = 10;
const DELAYS_AFTER = 10;
const LOCK_AFTER = 100;
const FIRST_DELAY_SECONDS = 60;
const LONGEST_DELAY_SECONDS = 15 * 60;

export interface FailedAttempt {
  userId: string;
  factorType: string;
  reason: string;
  challengeId?: string;
  pendingSignInId?: string | null;
  /** Set for step-ups: their failures count against the session (PAY-9). */
  stepUpSessionId?: string | null;
  /** Enrollment codes prove no existing factor, so they leave the account's consecutive count alone. */
  countsForAccount: boolean;
}

export interface FailureState {
  /** False when the challenge had already ended: a concurrent request won, nothing was counted. */
  counted: boolean;
  challengeFailed: boolean;
  signInFailed: boolean;
  accountLocked: boolean;
  /** PAY-9: the session this failure revoked; publish the revocation after the commit. */
  revokedSessionId: string | null;
  attemptsLeft: number;
}

/**
 * LOGIN-5: the attempt budgets, kept in PostgreSQL so that they survive restarts and hold for parallel
 * requests on every instance. One budget is shared by all factor types: 5 wrong codes end a challenge,
 * 10 end the pending sign-in, and the account's consecutive failures bring growing delays after 10 and a
 * lock after 100. Any success resets the consecutive count.
 */
@Injectable()
export class AttemptBudget {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
    private readonly notifications: Notifications,
  ) {}

  /** Refuses to check any code while the account is locked or in a delay. */
  assertMayTry(user: User): void {
    if (user.mfaLockedAt) {
      throw new DomainError('account_locked', 'MFA is locked for this account after too many wrong codes. Ask your company admin or support to reset it.');
    }
    const now = this.clock.now();
    if (user.mfaBlockedUntil && user.mfaBlockedUntil > now) {
      const retryAfter = Math.ceil((user.mfaBlockedUntil.getTime() - now.getTime()) / 1000);
      throw new DomainError('too_many_attempts', 'Too many wrong codes. Wait before trying again.', { retryAfterSeconds: retryAfter }, retryAfter);
    }
  }

  async recordFailure(manager: EntityManager, attempt: FailedAttempt): Promise<FailureState> {
    let challengeFailures = 0;
    if (attempt.challengeId) {
      const [challenge] = await writeReturning<{ failed_attempts: number }>(
        manager,
        `UPDATE challenges SET failed_attempts = failed_attempts + 1,
           status = CASE WHEN failed_attempts + 1 >= $2 THEN 'failed' ELSE status END
         WHERE id = $1 AND status = 'pending' RETURNING failed_attempts`,
        [attempt.challengeId, CHALLENGE_MAX_FAILURES],
      );
      if (!challenge) return { counted: false, challengeFailed: false, signInFailed: false, accountLocked: false, revokedSessionId: null, attemptsLeft: 0 };
      challengeFailures = challenge.failed_attempts;
    }
    const signInFailures = attempt.pendingSignInId ? await this.countSignInFailure(manager, attempt.pendingSignInId) : 0;
    const accountLocked = attempt.countsForAccount ? await this.countAccountFailure(manager, attempt.userId) : false;
    const revokedSessionId = attempt.stepUpSessionId ? await this.countStepUpFailure(manager, attempt.stepUpSessionId) : null;
    this.metrics.mfaVerifications.inc({ factor: attempt.factorType, outcome: attempt.reason });
    await this.audit.record({ type: 'mfa.failed', subjectUserId: attempt.userId, data: { factorType: attempt.factorType, reason: attempt.reason } }, manager);
    if (accountLocked) {
      await this.audit.record({ type: 'account.mfa_locked', subjectUserId: attempt.userId }, manager);
      await this.notifications.email(manager, attempt.userId, 'account_locked');
    }
    const left = [
      attempt.challengeId ? CHALLENGE_MAX_FAILURES - challengeFailures : Infinity,
      attempt.pendingSignInId ? SIGN_IN_MAX_FAILURES - signInFailures : Infinity,
    ];
    return {
      counted: true,
      challengeFailed: challengeFailures >= CHALLENGE_MAX_FAILURES,
      signInFailed: signInFailures >= SIGN_IN_MAX_FAILURES,
      accountLocked,
      revokedSessionId,
      attemptsLeft: Math.max(0, Math.min(...left)),
    };
  }

  /** PAY-9: the 10th failed step-up in a session revokes it; returns its id when this failure did. */
  private async countStepUpFailure(manager: EntityManager, sessionId: string): Promise<string | null> {
    const [session] = await writeReturning<{ step_up_failures: number }>(
      manager,
      `UPDATE sessions SET step_up_failures = step_up_failures + 1,
         revoked_at = CASE WHEN step_up_failures + 1 >= $2 AND revoked_at IS NULL THEN $3 ELSE revoked_at END,
         revoked_reason = CASE WHEN step_up_failures + 1 >= $2 AND revoked_at IS NULL THEN 'step_up_failures' ELSE revoked_reason END
       WHERE id = $1 RETURNING step_up_failures`,
      [sessionId, STEP_UP_MAX_FAILURES, this.clock.now()],
    );
    return session && session.step_up_failures >= STEP_UP_MAX_FAILURES ? sessionId : null;
  }

  /** Any success resets the account's consecutive failures (LOGIN-5). */
  async recordSuccess(manager: EntityManager, userId: string, factorType: string): Promise<void> {
    await manager.query(`UPDATE users SET mfa_failure_count = 0, mfa_blocked_until = NULL WHERE id = $1 AND mfa_failure_count > 0`, [userId]);
    this.metrics.mfaVerifications.inc({ factor: factorType, outcome: 'verified' });
  }

  /** Only a reset lifts the lock and the delays (LOGIN-5, RESET-2). */
  async clear(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE users SET mfa_failure_count = 0, mfa_blocked_until = NULL, mfa_locked_at = NULL WHERE id = $1`, [userId]);
  }

  private async countSignInFailure(manager: EntityManager, pendingSignInId: string): Promise<number> {
    const [pending] = await writeReturning<{ failed_attempts: number }>(
      manager,
      `UPDATE pending_sign_ins SET failed_attempts = failed_attempts + 1,
         status = CASE WHEN failed_attempts + 1 >= $2 THEN 'failed' ELSE status END,
         ended_at = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE ended_at END
       WHERE id = $1 AND status = 'pending' RETURNING failed_attempts`,
      [pendingSignInId, SIGN_IN_MAX_FAILURES, this.clock.now()],
    );
    return pending?.failed_attempts ?? SIGN_IN_MAX_FAILURES;
  }

  /** Returns whether this failure locked the account. */
  private async countAccountFailure(manager: EntityManager, userId: string): Promise<boolean> {
    const [user] = await writeReturning<{ mfa_failure_count: number }>(
      manager,
      `UPDATE users SET mfa_failure_count = mfa_failure_count + 1 WHERE id = $1 RETURNING mfa_failure_count`,
      [userId],
    );
    const failures = user?.mfa_failure_count ?? 0;
    const now = this.clock.now();
    if (failures >= LOCK_AFTER) {
      const locked = await writeReturning(manager, `UPDATE users SET mfa_locked_at = $2 WHERE id = $1 AND mfa_locked_at IS NULL RETURNING id`, [userId, now]);
      return locked.length > 0;
    }
    if (failures >= DELAYS_AFTER) {
      // 1 minute after the 10th failure, doubling with each further one, never more than 15 minutes.
      const delay = Math.min(LONGEST_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - DELAYS_AFTER));
      await manager.query(`UPDATE users SET mfa_blocked_until = $2 WHERE id = $1`, [userId, addSeconds(now, delay)]);
    }
    return false;
  }
}

/** The most final of the errors a counted failure leads to: a lock, the end of the sign-in, of the challenge. */
export function failureError(state: FailureState, code: 'verification_failed' | 'clock_skew_suspected' | 'code_already_used', message: string, details: Record<string, unknown> = {}): DomainError {
  if (state.revokedSessionId) return new DomainError('session_revoked', 'Too many failed step-ups: this session has been signed out.');
  if (state.accountLocked) return new DomainError('account_locked', 'MFA is now locked for this account. Ask your company admin or support to reset it.');
  if (state.signInFailed) return new DomainError('mfa_attempts_exhausted', 'Too many wrong codes. Sign in again with your password.');
  if (state.challengeFailed) return new DomainError('challenge_failed', 'Too many wrong codes for this challenge. Start a new one.', { attemptsLeft: 0 });
  return new DomainError(code, message, { ...details, ...(state.counted ? { attemptsLeft: state.attemptsLeft } : {}) });
}
