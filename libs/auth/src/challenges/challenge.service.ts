import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addSeconds, Clock } from '@sitepass/common';
import {
  Amr,
  Challenge,
  ChallengePurpose,
  ChallengeRepository,
  Factor,
  FactorRepository,
  OutboxRepository,
  User,
} from '@sitepass/database';
import { phrase } from '@sitepass/i18n';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain.error';
import { FactorAuthenticator, FactorPayload } from '../factor-types/factor-authenticator';
import { FactorTypes } from '../factor-types/registry';
import { isSmsPaused, offeringOtherWays } from '../factor-types/sms/sms-paused';
import { FactorAccess } from '../factors/factor-access';
import { summarizeFactor } from '../factors/factor-summary';
import { Caller } from '../sign-in/caller';
import { ChallengeView, viewChallenge } from './challenge-view';
import { AttemptBudget, AttemptOutcome, AttemptScope } from './attempt-budget';

/** What a challenge's code counts against: enrollment codes prove no existing factor (LOGIN-5). */
function attemptScopeOf(challenge: Challenge): AttemptScope {
  return {
    userId: challenge.userId,
    challengeId: challenge.id,
    pendingSignInId: challenge.pendingSignInId,
    stepUpSessionId: challenge.purpose === 'step_up' ? challenge.sessionId : null,
    countsForAccount: challenge.purpose !== 'enrollment',
  };
}

/** A challenge can be answered for 10 minutes (the life of an SMS code, SMS-2). */
export const CHALLENGE_LIFETIME_SECONDS = 10 * 60;

export interface NewChallenge {
  factor: Factor;
  purpose: ChallengePurpose;
  expiresAt?: Date;
  operation?: string;
}

export interface VerifiedChallenge {
  challenge: Challenge;
  factor: Factor;
  user: User;
  amr: Amr;
}

/**
 * factor → challenge → verify (LOGIN-3, LOGIN-5): issues challenges for any factor type and verifies
 * codes through the factor's authenticator, with the replay guard, the attempt budgets and the
 * caller's completion in one transaction.
 */
@Injectable()
export class ChallengeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly factorTypes: FactorTypes,
    private readonly factors: FactorRepository,
    private readonly challenges: ChallengeRepository,
    private readonly outbox: OutboxRepository,
    private readonly budget: AttemptBudget,
    private readonly access: FactorAccess,
    private readonly clock: Clock,
  ) {}

  authenticatorFor(factor: Factor): FactorAuthenticator {
    return this.factorTypes.of(factor.type);
  }

  /** Creates a challenge for the caller; SMS sends its code in the same transaction (SMS-3). */
  async issueChallenge(caller: Caller, request: NewChallenge, manager?: EntityManager): Promise<Challenge> {
    const work = async (transaction: EntityManager) => {
      const now = this.clock.now();
      const challenge = Object.assign(new Challenge(), {
        id: randomUUID(),
        userId: caller.userId,
        factorId: request.factor.id,
        purpose: request.purpose,
        pendingSignInId: caller.kind === 'sign_in' ? caller.pendingSignIn.id : null,
        sessionId: caller.kind === 'session' ? caller.principal.sessionId : null,
        operation: request.operation ?? null,
        status: 'pending',
        failedAttempts: 0,
        codeHash: null,
        codeCiphertext: null,
        codeKeyId: null,
        deliveryId: null,
        webauthnChallenge: null,
        createdAt: now,
        expiresAt:
          request.expiresAt ??
          addSeconds(now, this.authenticatorFor(request.factor).challengeLifetimeSeconds ?? CHALLENGE_LIFETIME_SECONDS),
        verifiedAt: null,
        lastSentAt: null,
        resendAvailableAt: null,
      });
      await this.challenges.insert(transaction, challenge);
      await this.authenticatorFor(request.factor).prepareChallenge(challenge, request.factor, transaction);
      return challenge;
    };
    try {
      return await (manager ? work(manager) : this.db.transaction(work));
    } catch (error) {
      if (!isSmsPaused(error) || request.purpose === 'enrollment') throw error;
      const others = (await this.access.usableFactors(caller.userId)).filter((factor) => factor.id !== request.factor.id);
      throw offeringOtherWays(error, 'challenge', { otherFactors: others.map(summarizeFactor) });
    }
  }

  /** A challenge as its client sees it, with what the factor's type needs to answer it (a passkey's request options). */
  async view(challenge: Challenge, factor: Factor): Promise<ChallengeView> {
    const presented = await this.authenticatorFor(factor).presentChallenge?.(challenge, factor);
    return { ...viewChallenge(challenge, factor.type), ...(presented ? { [factor.type]: presented } : {}) };
  }

  /** A new code for an open SMS challenge (SMS-2); the authenticator applies the cooldown and quotas. */
  async resendCode(challenge: Challenge): Promise<Challenge> {
    const factor = await this.factors.findOwn(challenge.userId, challenge.factorId);
    if (!factor || !this.authenticatorFor(factor).sendsCode) throw DomainError.of('error.factor_type_not_allowed.resend');
    this.assertOpen(challenge);
    await this.db.transaction((manager) => this.authenticatorFor(factor).prepareChallenge(challenge, factor, manager));
    return challenge;
  }

  /** Where the code of an SMS challenge is: pending, sent, or failed so that the user can resend (SMS-3). */
  async deliveryOf(challenge: Challenge): Promise<{ status: string; failedAt: string | null } | null> {
    if (!challenge.deliveryId) return null;
    const delivery = await this.outbox.deliveryStatus(challenge.deliveryId);
    if (!delivery) return null;
    return { status: delivery.status === 'sending' ? 'pending' : delivery.status, failedAt: delivery.failedAt?.toISOString() ?? null };
  }

  /** The caller's own challenge, or 404 (SEC-3). A sign-in sees only its own sign-in's challenges. */
  async findOwn(caller: Caller, challengeId: string): Promise<Challenge> {
    const challenge = await this.challenges.findOwn(caller.userId, challengeId);
    const sameContext =
      challenge &&
      (caller.kind === 'sign_in'
        ? challenge.pendingSignInId === caller.pendingSignIn.id
        : challenge.sessionId === caller.principal.sessionId);
    if (!challenge || !sameContext) throw DomainError.of('error.not_found.challenge');
    return challenge;
  }

  /**
   * Verifies a code as one attempt of the challenge's budgets (LOGIN-5, ABUSE-1): the attempt is taken
   * first, then the code is checked; on a match, the authenticator's single-use claim, the challenge's
   * state change and `complete` (tokens, an activated factor…) commit with it or not at all.
   */
  async verifyChallenge<T>(
    challenge: Challenge,
    proof: FactorPayload,
    complete: (manager: EntityManager, verified: VerifiedChallenge) => Promise<T>,
  ): Promise<T> {
    const factor = await this.factors.findOwn(challenge.userId, challenge.factorId);
    if (!factor || factor.status === 'revoked') throw DomainError.of('error.challenge_failed.factor_unusable');
    const authenticator = this.authenticatorFor(factor);
    const value = await this.budget.attempt(attemptScopeOf(challenge), async (manager, user): Promise<AttemptOutcome<T>> => {
      const check = await authenticator.check(challenge, factor, proof);
      if (check.kind === 'mismatch') {
        await check.spend?.(manager);
        return {
          accepted: false,
          factorType: factor.type,
          code: check.code,
          message: check.message ?? phrase('error.verification_failed'),
          details: check.details,
        };
      }
      if (!(await check.claim(manager)) || !(await this.markVerified(manager, challenge.id))) {
        return {
          accepted: false,
          factorType: factor.type,
          code: 'code_already_used',
          message: phrase('error.code_already_used'),
        };
      }
      return {
        accepted: true,
        factorType: factor.type,
        value: await complete(manager, { challenge, factor, user, amr: check.amr ?? authenticator.amr }),
      };
    });
    await authenticator.afterVerification?.(factor);
    return value;
  }

  /** Ends every open challenge of a user (RESET-2); a sealed SMS code goes with it. */
  revokePendingForUser(userId: string, manager: EntityManager): Promise<void> {
    return this.challenges.revokePendingOfUser(manager, userId);
  }

  private assertOpen(challenge: Challenge): void {
    if (challenge.status === 'verified') throw DomainError.of('error.code_already_used.challenge_verified');
    if (challenge.status !== 'pending') throw DomainError.of('error.challenge_failed.ended');
    if (challenge.expiresAt <= this.clock.now()) throw DomainError.of('error.challenge_expired');
  }

  private markVerified(manager: EntityManager, challengeId: string): Promise<boolean> {
    return this.challenges.markVerified(manager, challengeId, this.clock.now());
  }
}
