import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { writeReturning } from '../returning';
import { WebAuthnCredential } from './webauthn-credential.entity';

/** The webauthn_credentials table (PASSKEY-1). */
@Injectable()
export class WebAuthnCredentialRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByFactor(factorId: string, manager: EntityManager = this.db.manager): Promise<WebAuthnCredential | null> {
    return manager.findOneBy(WebAuthnCredential, { factorId });
  }

  /** A credential by the id an authenticator answered with, for a passwordless sign-in (PASSKEY-3). */
  findByCredentialId(credentialId: string): Promise<WebAuthnCredential | null> {
    return this.db.manager.findOneBy(WebAuthnCredential, { credentialId });
  }

  /** The credentials of a user's live passkeys: what a new registration must not make again. */
  async listLiveOfUser(userId: string): Promise<Array<Pick<WebAuthnCredential, 'credentialId' | 'transports'>>> {
    return this.db.manager.query(
      `SELECT c.credential_id AS "credentialId", c.transports FROM webauthn_credentials c
       JOIN factors f ON f.id = c.factor_id AND f.status IN ('active', 'pending') WHERE c.user_id = $1`,
      [userId],
    );
  }

  /**
   * Stores a registered credential for its pending factor: false when the credential is already registered
   * (to anyone) or the factor already has one, so that two confirmations at once store one.
   */
  async register(manager: EntityManager, credential: WebAuthnCredential): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO webauthn_credentials
         (factor_id, user_id, credential_id, public_key, sign_count, transports, device_type, backed_up, aaguid, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING factor_id`,
      [
        credential.factorId,
        credential.userId,
        credential.credentialId,
        credential.publicKey,
        credential.signCount,
        credential.transports,
        credential.deviceType,
        credential.backedUp,
        credential.aaguid,
        credential.createdAt,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Records a verified signature's counter: only a higher counter than the stored one is taken, or 0 again
   * from an authenticator that never counts. Of two signatures with one counter (a cloned key), one wins.
   */
  async advanceCounter(manager: EntityManager, factorId: string, signCount: number, backedUp: boolean, at: Date): Promise<boolean> {
    const rows = await writeReturning(
      manager,
      `UPDATE webauthn_credentials SET sign_count = $2, backed_up = $3, last_used_at = $4
       WHERE factor_id = $1 AND (sign_count < $2 OR (sign_count = 0 AND $2 = 0)) RETURNING factor_id`,
      [factorId, signCount, backedUp, at],
    );
    return rows.length > 0;
  }
}
