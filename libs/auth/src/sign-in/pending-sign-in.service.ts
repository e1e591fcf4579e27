import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, KeyedHasher, addSeconds, randomToken } from '@sitepass/common';
import { writeReturning } from '@sitepass/database';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain.error';
import { Audience } from '../tokens/access-token';
import { PendingSignIn } from './pending-sign-in.entity';

/** The mfaToken lives 10 minutes (LOGIN-1). */
export const MFA_TOKEN_LIFETIME_SECONDS = 10 * 60;
const PURPOSE = 'mfa-token';

/** Pending sign-ins and their opaque mfaTokens (LOGIN-1, LOGIN-4, SES-8). */
@Injectable()
export class PendingSignInService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: KeyedHasher,
    private readonly clock: Clock,
  ) {}

  async open(userId: string, audience: Audience, enrollmentRequired: boolean, trustDevice: boolean): Promise<{ pending: PendingSignIn; mfaToken: string }> {
    const now = this.clock.now();
    const mfaToken = randomToken();
    const pending = this.db.manager.create(PendingSignIn, {
      id: randomUUID(),
      userId,
      audience,
      tokenHash: this.hasher.hash(PURPOSE, mfaToken),
      enrollmentRequired,
      trustDevice,
      status: 'pending',
      failedAttempts: 0,
      provenFactorId: null,
      createdAt: now,
      expiresAt: addSeconds(now, MFA_TOKEN_LIFETIME_SECONDS),
      endedAt: null,
    });
    await this.db.manager.insert(PendingSignIn, pending);
    return { pending, mfaToken };
  }

  /** The live pending sign-in an mfaToken opens, for this product only. */
  async findByToken(mfaToken: string, audience: Audience): Promise<PendingSignIn> {
    const pending = await this.db.manager.findOneBy(PendingSignIn, { tokenHash: this.hasher.hash(PURPOSE, mfaToken) });
    if (!pending || pending.audience !== audience) throw new DomainError('invalid_token', 'The MFA token is not valid.');
    if (pending.status === 'failed') {
      throw new DomainError('mfa_attempts_exhausted', 'Too many wrong codes. Sign in again with your password.');
    }
    if (pending.status !== 'pending' || pending.expiresAt <= this.clock.now()) {
      throw new DomainError('invalid_token', 'The MFA token has expired or was already used. Sign in again.');
    }
    return pending;
  }

  /** Ends every open sign-in of a user (RESET-2): their mfaTokens stop working. */
  async revokeAllForUser(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE pending_sign_ins SET status = 'revoked', ended_at = $2 WHERE user_id = $1 AND status = 'pending'`,
      [userId, this.clock.now()],
    );
  }

  /** ABUSE-3: an existing factor was proven in this sign-in; it may now enroll another. */
  async recordProof(pendingSignInId: string, factorId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE pending_sign_ins SET proven_factor_id = $2 WHERE id = $1 AND status = 'pending'`, [pendingSignInId, factorId]);
  }

  /** Ends the pending sign-in successfully; false if it already ended (a concurrent completion won). */
  async complete(pendingSignInId: string, manager: EntityManager): Promise<boolean> {
    const rows = await writeReturning(
      manager,
      `UPDATE pending_sign_ins SET status = 'completed', ended_at = $2 WHERE id = $1 AND status = 'pending' RETURNING id`,
      [pendingSignInId, this.clock.now()],
    );
    return rows.length > 0;
  }
}
