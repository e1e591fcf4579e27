import { Injectable } from '@nestjs/common';
import { addSeconds, Clock, KeyedHasher, randomToken } from '@sitepass/common';
import { AuditEventRepository, SessionRepository, StepUpGrant, StepUpGrantRepository } from '@sitepass/database';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ChallengeService } from '../challenges/challenge.service';
import { ChallengeView } from '../challenges/challenge-view';
import { DomainError } from '../errors/domain.error';
import { FactorPayload } from '../factor-types/factor-authenticator';
import { FactorAccess } from '../factors/factor-access';
import { FactorSummary, summarizeFactor } from '../factors/factor-summary';
import { Principal } from '../tokens/access-token';

/** A step-up token lives 5 minutes (PAY-6). */
export const STEP_UP_TOKEN_LIFETIME_SECONDS = 5 * 60;
const PURPOSE = 'step-up-token';

export interface StepUpToken {
  stepUpToken: string;
  operation: string;
  expiresIn: number;
}

/**
 * PAY-6: a fresh factor check bound to one operation. Verifying it yields a single-use token for that
 * operation in this session; failures count towards the session's limit (PAY-9) and the account's.
 */
@Injectable()
export class StepUpService {
  constructor(
    private readonly grants: StepUpGrantRepository,
    private readonly sessions: SessionRepository,
    private readonly challenges: ChallengeService,
    private readonly access: FactorAccess,
    private readonly hasher: KeyedHasher,
    private readonly audit: AuditEventRepository,
    private readonly clock: Clock,
  ) {}

  /** The factors a step-up of this session may be proven with: the user's own that the product accepts (PAY-3). */
  async factorsFor(principal: Principal): Promise<FactorSummary[]> {
    return (await this.access.usableFactors(principal.userId)).map(summarizeFactor);
  }

  async startStepUp(principal: Principal, operation: string, factorId: string): Promise<ChallengeView> {
    const { user, factor } = await this.access.usableFactor(principal.userId, factorId);
    const caller = { kind: 'session' as const, userId: user.id, principal };
    const challenge = await this.challenges.issueChallenge(caller, { factor, purpose: 'step_up', operation });
    return this.challenges.view(challenge, factor);
  }

  async verifyStepUp(principal: Principal, challengeId: string, proof: FactorPayload): Promise<StepUpToken> {
    const challenge = await this.challenges.findOwn({ kind: 'session', userId: principal.userId, principal }, challengeId);
    if (challenge.purpose !== 'step_up' || !challenge.operation) throw DomainError.of('error.not_found.step_up');
    return this.challenges.verifyChallenge(challenge, proof, async (manager, { factor }) => {
      const granted = await this.grant(manager, principal, challenge.operation!, this.clock.now());
      await this.audit.record(
        { type: 'step_up.verified', subjectUserId: principal.userId, data: { operation: challenge.operation, factorType: factor.type } },
        manager,
      );
      return granted;
    });
  }

  /**
   * A step-up token for one operation in this session, proven at `provenAt` (now, or by a hosted page's
   * step-up handed to the session's back end, WEB-6). A step-up is an MFA proof: the session's MFA time moves.
   */
  async grant(manager: EntityManager, principal: Principal, operation: string, provenAt: Date): Promise<StepUpToken> {
    const now = this.clock.now();
    const token = randomToken();
    await this.grants.insert(
      manager,
      Object.assign(new StepUpGrant(), {
        id: randomUUID(),
        sessionId: principal.sessionId,
        userId: principal.userId,
        operation,
        tokenHash: this.hasher.hash(PURPOSE, token),
        createdAt: now,
        expiresAt: addSeconds(now, STEP_UP_TOKEN_LIFETIME_SECONDS),
        consumedAt: null,
      }),
    );
    await this.sessions.setMfaTime(manager, principal.sessionId, provenAt);
    return { stepUpToken: token, operation, expiresIn: STEP_UP_TOKEN_LIFETIME_SECONDS };
  }

  /** PAY-7: consumes the token if it is this session's, for this operation, unexpired and unused. */
  consume(principal: Principal, operation: string, token: string): Promise<boolean> {
    return this.grants.consume(this.hasher.hash(PURPOSE, token), principal.sessionId, operation, this.clock.now());
  }
}
