import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, Metrics } from '@sitepass/common';
import { AttemptLedger, AttemptLimits, AttemptRows, AuditEventRepository, ScopeCounts, User, UserRepository } from '@sitepass/database';
import { DataSource, EntityManager } from 'typeorm';
import { Phrase } from '@sitepass/i18n';
import { DomainError, ErrorMessageKey } from '../errors/domain.error';
import { Notifications } from '../notifications/security-notices';
import { SessionService } from '../sessions/session.service';

/** LOGIN-5. */
export const CHALLENGE_MAX_FAILURES = 5;
export const SIGN_IN_MAX_FAILURES = 10;
/** PAY-9: failed step-ups a session survives. */
export const STEP_UP_MAX_FAILURES = 10;
const DELAYS_AFTER = 10;
const LOCK_AFTER = 100;
const FIRST_DELAY_SECONDS = 60;
const LONGEST_DELAY_SECONDS = 15 * 60;

/** What one attempt counts against. */
export type AttemptScope = AttemptRows;

export type FailureCode = 'verification_failed' | 'clock_skew_suspected' | 'code_already_used';

/** What evaluating a code or a recovery code came to; `factorType` labels the metric and the audit event. */
export type AttemptOutcome<T> =
  | { accepted: true; factorType: string; value: T }
  | { accepted: false; factorType: string; code: FailureCode; message: Phrase<ErrorMessageKey>; details?: Record<string, unknown> };

/** The attempt as taken from each budget of its scope: the counts include it. */
interface Reservation {
  scope: AttemptScope;
  /** The user's row, locked until the attempt's transaction ends. */
  user: User;
  counts: ScopeCounts;
}

interface FailureState {
  challengeFailed: boolean;
  signInFailed: boolean;
  accountLocked: boolean;
  sessionRevoked: boolean;
  attemptsLeft: number;
}

/** 1 minute after the 10th consecutive failure, doubling with each further one, never more than 15 minutes (LOGIN-5). */
export function delayAfterFailures(failures: number): number {
  return failures < DELAYS_AFTER ? 0 : Math.min(LONGEST_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - DELAYS_AFTER));
}

/** The budgets the attempt ledger enforces, with the ladder as a table: the delay after the n-th failure at index n - 1. */
export const ATTEMPT_LIMITS: AttemptLimits = {
  challenge: CHALLENGE_MAX_FAILURES,
  signIn: SIGN_IN_MAX_FAILURES,
  stepUpSession: STEP_UP_MAX_FAILURES,
  delaysAfterFailure: Array.from({ length: LOCK_AFTER }, (_, index) => delayAfterFailures(index + 1)),
};

/**
 * LOGIN-5, PAY-9, ABUSE-1: the attempt budgets, in PostgreSQL so that they survive restarts and bind every
 * instance. 5 wrong codes end a challenge, 10 end the pending sign-in, 10 failed step-ups revoke the
 * session; the account's consecutive failures bring growing delays after 10 and a lock after 100. One
 * budget covers every factor type and the recovery code; any success resets the consecutive count.
 *
 * An attempt is taken from the budgets before anything is evaluated, in the transaction that will accept
 * or refuse it, with the user's row locked until that transaction ends: parallel attempts of one user
 * queue on that lock, on every instance, and each finds the budgets as the previous one left them. So a
 * burst evaluates at most what is left, and a delay or lock that one attempt starts stops the others.
 */
@Injectable()
export class AttemptBudget {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditEventRepository,
    private readonly metrics: Metrics,
    private readonly notifications: Notifications,
    private readonly sessions: SessionService,
    private readonly ledger: AttemptLedger,
    private readonly users: UserRepository,
  ) {}

  /**
   * One attempt, in one transaction: reserved from every budget of `scope`, then `evaluate`d with the
   * user's row (locked, and active). An accepted attempt gives its reservation back; a refused one stays
   * counted, ends whatever it exhausted, and is answered with the most final error that now applies.
   */
  async attempt<T>(scope: AttemptScope, evaluate: (manager: EntityManager, user: User) => Promise<AttemptOutcome<T>>): Promise<T> {
    const { outcome, state } = await this.db.transaction(async (manager) => {
      const reservation = await this.reserve(manager, scope);
      const evaluated = await evaluate(manager, reservation.user);
      if (evaluated.accepted) {
        await this.release(manager, reservation);
        return { outcome: evaluated, state: null };
      }
      return { outcome: evaluated, state: await this.recordFailure(manager, reservation, evaluated.factorType, evaluated.code) };
    });
    this.metrics.mfaVerifications.inc({ factor: outcome.factorType, outcome: outcome.accepted ? 'verified' : outcome.code });
    if (outcome.accepted) return outcome.value;
    throw failureError(state!, outcome.message, outcome.details);
  }

  /** An early refusal, before a challenge is even issued, while the account is locked or waiting (LOGIN-5). */
  assertMayTry(user: User): void {
    if (user.mfaLockedAt) throw lockedError();
    const now = this.clock.now();
    if (user.mfaBlockedUntil && user.mfaBlockedUntil > now) throw delayedError(user.mfaBlockedUntil, now);
  }

  /** Only a reset lifts the lock and the delays (LOGIN-5, RESET-2). */
  clear(manager: EntityManager, userId: string): Promise<void> {
    return this.ledger.clearAccount(manager, userId);
  }

  private async reserve(manager: EntityManager, scope: AttemptScope): Promise<Reservation> {
    const now = this.clock.now();
    // The account first: this locks the user's row, and every change to the budgets below is made under
    // that lock. From the 10th failure on, the delay starts with the attempt, not after it.
    const user = await this.ledger.takeFromAccount(manager, scope, now, ATTEMPT_LIMITS);
    if (!user) throw await this.accountRefusal(manager, scope, now);
    const counts = await this.ledger.takeFromScope(manager, scope, now, ATTEMPT_LIMITS);
    // Refusing throws, which rolls back what was taken above: an attempt takes from every budget or none.
    if (scope.stepUpSessionId && counts.stepUpSession === null) throw DomainError.of('error.session_revoked');
    if (scope.pendingSignInId && counts.signIn === null) throw await this.signInRefusal(manager, scope.pendingSignInId);
    if (scope.challengeId && counts.challenge === null) throw await this.challengeRefusal(manager, scope.challengeId, now);
    return { scope, user, counts };
  }

  private release(manager: EntityManager, { scope }: Reservation): Promise<void> {
    return this.ledger.giveBack(manager, scope);
  }

  /** The refused attempt stays counted; whatever it exhausted ends now, in its transaction. */
  private async recordFailure(
    manager: EntityManager,
    reservation: Reservation,
    factorType: string,
    reason: FailureCode,
  ): Promise<FailureState> {
    const { scope, user, counts } = reservation;
    const now = this.clock.now();
    const state: FailureState = {
      challengeFailed: (counts.challenge ?? 0) >= CHALLENGE_MAX_FAILURES,
      signInFailed: (counts.signIn ?? 0) >= SIGN_IN_MAX_FAILURES,
      accountLocked: scope.countsForAccount && user.mfaFailureCount >= LOCK_AFTER,
      sessionRevoked: (counts.stepUpSession ?? 0) >= STEP_UP_MAX_FAILURES,
      attemptsLeft: Math.max(0, Math.min(leftOf(counts.challenge, CHALLENGE_MAX_FAILURES), leftOf(counts.signIn, SIGN_IN_MAX_FAILURES))),
    };
    if (state.challengeFailed) await this.ledger.endChallenge(manager, scope.challengeId!);
    if (state.signInFailed) await this.ledger.endSignIn(manager, scope.pendingSignInId!, now);
    if (state.sessionRevoked) await this.sessions.revokeSessions(manager, [scope.stepUpSessionId!], 'step_up_failures');
    await this.audit.record({ type: 'mfa.failed', subjectUserId: user.id, data: { factorType, reason } }, manager);
    if (state.accountLocked) {
      await this.ledger.lockAccount(manager, user.id, now);
      await this.audit.record({ type: 'account.mfa_locked', subjectUserId: user.id }, manager);
      await this.notifications.email(manager, user.id, 'account_locked');
    }
    return state;
  }

  private async accountRefusal(manager: EntityManager, scope: AttemptScope, now: Date): Promise<DomainError> {
    const user = await this.users.findById(scope.userId, manager);
    // ABUSE-4: a user deactivated during the MFA step gets nothing more from it.
    if (!user || user.status !== 'active') {
      return scope.pendingSignInId
        ? DomainError.of('error.invalid_token.sign_in_ended')
        : DomainError.of('error.session_revoked.account_inactive');
    }
    return user.mfaLockedAt ? lockedError() : delayedError(user.mfaBlockedUntil ?? now, now);
  }

  private async signInRefusal(manager: EntityManager, pendingSignInId: string): Promise<DomainError> {
    const pending = await this.ledger.signInState(manager, pendingSignInId);
    if (pending && (pending.status === 'failed' || pending.failedAttempts >= SIGN_IN_MAX_FAILURES)) return exhaustedError();
    return DomainError.of('error.invalid_token.sign_in_ended');
  }

  private async challengeRefusal(manager: EntityManager, challengeId: string, now: Date): Promise<DomainError> {
    const challenge = await this.ledger.challengeState(manager, challengeId);
    if (challenge?.status === 'verified') return DomainError.of('error.code_already_used.challenge_verified');
    if (challenge?.status === 'pending' && challenge.expiresAt <= now) return DomainError.of('error.challenge_expired');
    return challengeFailedError();
  }
}

function leftOf(failures: number | null, max: number): number {
  return failures === null ? Infinity : max - failures;
}

function lockedError(): DomainError {
  return DomainError.of('error.account_locked');
}

function delayedError(until: Date, now: Date): DomainError {
  const retryAfter = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return DomainError.of('error.too_many_attempts.codes', { retryAfterSeconds: retryAfter }, { retryAfterSeconds: retryAfter });
}

function exhaustedError(): DomainError {
  return DomainError.of('error.mfa_attempts_exhausted');
}

function challengeFailedError(): DomainError {
  return DomainError.of('error.challenge_failed', { attemptsLeft: 0 });
}

/** The most final of the errors a counted failure leads to: the session's end, a lock, the end of the sign-in, of the challenge. */
function failureError(state: FailureState, message: Phrase<ErrorMessageKey>, details: Record<string, unknown> = {}): DomainError {
  if (state.sessionRevoked) return DomainError.of('error.session_revoked.step_up_failures');
  if (state.accountLocked) return DomainError.of('error.account_locked.now');
  if (state.signInFailed) return exhaustedError();
  if (state.challengeFailed) return challengeFailedError();
  return DomainError.of(message.key, { ...details, attemptsLeft: state.attemptsLeft }, { args: message.args });
}
