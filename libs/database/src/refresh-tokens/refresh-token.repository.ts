import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';

/** The refresh_tokens table (SES-4): every token a session was given, by keyed hash. */
@Injectable()
export class RefreshTokenRepository {
  /** The token presented for a refresh, locked until the rotation commits, or null. */
  findForRotation(manager: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return manager.findOne(RefreshToken, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markRotated(manager: EntityManager, tokenHash: string, at: Date): Promise<void> {
    await manager.update(RefreshToken, { tokenHash }, { rotatedAt: at });
  }

  async insert(manager: EntityManager, sessionId: string, tokenHash: string, at: Date): Promise<void> {
    await manager.insert(RefreshToken, { tokenHash, sessionId, createdAt: at, rotatedAt: null });
  }
}
