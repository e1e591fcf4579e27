import { Injectable } from '@nestjs/common';
import { addSeconds, Clock, KeyedHasher, randomToken } from '@sitepass/common';
import { Audience, FirstFactor, PendingSignIn, PendingSignInRepository } from '@sitepass/database';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain.error';

/** The mfaToken lives 10 minutes (LOGIN-1). */
export const MFA_TOKEN_LIFETIME_SECONDS = 10 * 60;
const PURPOSE = 'mfa-token';

/** What the MFA step of a sign-in allows, and how its first step was proven. */
export interface PendingSignInTerms {
  /** The user has no usable factor: the token also allows enrolling one (LOGIN-4). */
  enrollmentRequired: boolean;
  /** A device may be trusted at the end (SES-6). */
  trustDevice: boolean;
  firstFactor: FirstFactor;
}

/** Pending sign-ins and their opaque mfaTokens (LOGIN-1, LOGIN-4, SES-8). */
@Injectable()
export class PendingSignInService {
  constructor(
    private readonly pendingSignIns: PendingSignInRepository,
    private readonly hasher: KeyedHasher,
    private readonly clock: Clock,
  ) {}

  /** Opens the MFA step of a sign-in, only for a user active at that moment (ABUSE-4). */
  async open(userId: string, audience: Audience, terms: PendingSignInTerms): Promise<{ pending: PendingSignIn; mfaToken: string }> {
    const now = this.clock.now();
    const mfaToken = randomToken();
    const pending = Object.assign(new PendingSignIn(), {
      id: randomUUID(),
      userId,
      audience,
      tokenHash: this.hasher.hash(PURPOSE, mfaToken),
      ...terms,
      status: 'pending',
      failedAttempts: 0,
      provenFactorId: null,
      createdAt: now,
      expiresAt: addSeconds(now, MFA_TOKEN_LIFETIME_SECONDS),
      endedAt: null,
    });
    if (!(await this.pendingSignIns.openForActiveUser(pending))) throw DomainError.of('error.invalid_credentials');
    return { pending, mfaToken };
  }

  /** The live pending sign-in an mfaToken opens, for this product only. */
  async findByToken(mfaToken: string, audience: Audience): Promise<PendingSignIn> {
    const pending = await this.pendingSignIns.findByTokenHash(this.hasher.hash(PURPOSE, mfaToken));
    if (!pending || pending.audience !== audience) throw DomainError.of('error.invalid_token.mfa_token');
    if (pending.status === 'failed') {
      throw DomainError.of('error.mfa_attempts_exhausted');
    }
    if (pending.status !== 'pending' || pending.expiresAt <= this.clock.now()) {
      throw DomainError.of('error.invalid_token.mfa_token_spent');
    }
    return pending;
  }

  /** Ends every open sign-in of a user (RESET-2, ABUSE-4): their mfaTokens stop working. */
  revokeAllForUser(userId: string, manager: EntityManager): Promise<void> {
    return this.pendingSignIns.revokeAllOfUser(manager, userId, this.clock.now());
  }

  /** ABUSE-3: an existing factor was proven in this sign-in; it may now enroll another. */
  recordProof(pendingSignInId: string, factorId: string, manager: EntityManager): Promise<void> {
    return this.pendingSignIns.recordProof(manager, pendingSignInId, factorId);
  }

  /** Ends the pending sign-in successfully; false if it already ended (a concurrent completion won). */
  complete(pendingSignInId: string, manager: EntityManager): Promise<boolean> {
    return this.pendingSignIns.complete(manager, pendingSignInId, this.clock.now());
  }
}
