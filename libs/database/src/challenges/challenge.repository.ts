import { Locale } from '@sitepass/i18n';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { writeReturning } from '../returning';
import { Challenge } from './challenge.entity';

/** The sealed code of an SMS challenge that is still the newest and unexpired, and the number it goes to. */
export interface DeliverableCode {
  codeCiphertext: string;
  codeKeyId: string;
  phoneNumber: string;
  /** The recipient's saved locale (I18N-2): the text's language, English when null. */
  locale: Locale | null;
}

/** The challenges table (LOGIN-3, SMS-2): issued, answered, ended. Attempt counts belong to the attempt ledger. */
@Injectable()
export class ChallengeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(manager: EntityManager, challenge: Challenge): Promise<void> {
    await manager.insert(Challenge, challenge);
  }

  /** A user's challenge; another user's id finds nothing (SEC-3). */
  findOwn(userId: string, challengeId: string): Promise<Challenge | null> {
    return this.db.manager.findOneBy(Challenge, { id: challengeId, userId });
  }

  /** The newest enrollment challenge of a pending factor. */
  async latestEnrollmentChallenge(factorId: string): Promise<Challenge | null> {
    const [latest] = await this.db.manager.find(Challenge, {
      where: { factorId, purpose: 'enrollment' },
      order: { createdAt: 'DESC' },
      take: 1,
    });
    return latest ?? null;
  }

  /** Stores a new SMS code (its hash, and sealed for the worker) and when it was sent; older codes are void (SMS-2). */
  async storeCode(
    manager: EntityManager,
    challenge: Pick<
      Challenge,
      'id' | 'codeHash' | 'codeCiphertext' | 'codeKeyId' | 'deliveryId' | 'lastSentAt' | 'resendAvailableAt' | 'expiresAt'
    >,
  ): Promise<void> {
    const { id, ...fields } = challenge;
    await manager.update(Challenge, { id }, fields);
  }

  /** The random bytes a WebAuthn ceremony must sign (PASSKEY-1); single use comes with the challenge's own. */
  async storeWebAuthnChallenge(manager: EntityManager, challengeId: string, webauthnChallenge: string): Promise<void> {
    await manager.update(Challenge, { id: challengeId }, { webauthnChallenge });
  }

  /** Single use of an SMS code: only the request that clears the hash it matched wins (SMS-2). */
  async claimCode(manager: EntityManager, challengeId: string, codeHash: string): Promise<boolean> {
    const rows = await writeReturning(manager, `UPDATE challenges SET code_hash = NULL WHERE id = $1 AND code_hash = $2 RETURNING id`, [
      challengeId,
      codeHash,
    ]);
    return rows.length > 0;
  }

  /** Ends a pending challenge as verified; false when it had already ended. */
  async markVerified(manager: EntityManager, challengeId: string, at: Date): Promise<boolean> {
    const rows = await writeReturning(
      manager,
      `UPDATE challenges SET status = 'verified', verified_at = $2, code_ciphertext = NULL WHERE id = $1 AND status = 'pending' RETURNING id`,
      [challengeId, at],
    );
    return rows.length > 0;
  }

  /** Ends every open challenge of a user (RESET-2, ABUSE-4); a sealed SMS code goes with it. */
  async revokePendingOfUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE challenges SET status = 'revoked', code_ciphertext = NULL WHERE user_id = $1 AND status = 'pending'`, [
      userId,
    ]);
  }

  /** SMS-2: a sealed code that was never delivered is erased once it expires. */
  async eraseExpiredCodes(now: Date): Promise<void> {
    await this.db.query(`UPDATE challenges SET code_ciphertext = NULL WHERE code_ciphertext IS NOT NULL AND expires_at < $1`, [now]);
  }

  /** One read for the code, its number and its reader's locale: this runs for every SMS (PERF-3). Reads `factors` and `users` too. */
  async findDeliverableCode(challengeId: string, deliveryId: string, now: Date): Promise<DeliverableCode | null> {
    const [row]: Array<{ code_ciphertext: string; code_key_id: string; phone_number: string; locale: Locale | null }> = await this.db.query(
      `SELECT c.code_ciphertext, c.code_key_id, f.phone_number, u.locale
       FROM challenges c JOIN factors f ON f.id = c.factor_id JOIN users u ON u.id = f.user_id
       WHERE c.id = $1 AND c.status = 'pending' AND c.delivery_id = $2 AND c.expires_at > $3
         AND c.code_ciphertext IS NOT NULL AND f.status <> 'revoked' AND f.phone_number IS NOT NULL`,
      [challengeId, deliveryId, now],
    );
    return row
      ? { codeCiphertext: row.code_ciphertext, codeKeyId: row.code_key_id, phoneNumber: row.phone_number, locale: row.locale }
      : null;
  }
}
