import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addSeconds, Clock, KeyedHasher, randomToken } from '@sitepass/common';
import { Audience, PendingSignIn, writeReturning } from '@sitepass/database';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain.error';

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

  async open(
    userId: string,
    audience: Audience,
    enrollmentRequired: boolean,
    trustDevice: boolean,
  ): Promise<{ pending: PendingSignIn; mfaToken: string }> {
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
    // ABUSE-4: only for a user still active, holding a share lock on the row as the statement runs: a
    // deactivation that committed during the password check leaves no MFA step behind it.
    const opened: unknown[] = await this.db.query(
      `INSERT INTO pending_sign_ins (id, user_id, audience, token_hash, enrollment_required, trust_device, status, failed_attempts, created_at, expires_at)
       SELECT $1::uuid, id, $3::text, $4::text, $5::boolean, $6::boolean, 'pending', 0, $7::timestamptz, $8::timestamptz
       FROM users WHERE id = $2::uuid AND status = 'active' FOR SHARE
       RETURNING id`,
      [pending.id, userId, audience, pending.tokenHash, enrollmentRequired, trustDevice, now, pending.expiresAt],
    );
    if (opened.length === 0) throw new DomainError('invalid_credentials', 'The email or password is not correct.');
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
    await manager.query(`UPDATE pending_sign_ins SET status = 'revoked', ended_at = $2 WHERE user_id = $1 AND status = 'pending'`, [
      userId,
      this.clock.now(),
    ]);
  }

  /** ABUSE-3: an existing factor was proven in this sign-in; it may now enroll another. */
  async recordProof(pendingSignInId: string, factorId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE pending_sign_ins SET proven_factor_id = $2 WHERE id = $1 AND status = 'pending'`, [
      pendingSignInId,
      factorId,
    ]);
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
