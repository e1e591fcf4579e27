import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { writeReturning } from '../returning';
import { TrustedDevice } from './trusted-device.entity';

/** The trusted_devices table (SES-6, ABUSE-9). */
@Injectable()
export class TrustedDeviceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(manager: EntityManager, device: TrustedDevice): Promise<void> {
    await manager.insert(TrustedDevice, device);
  }

  /** The live device with this token hash of this user, if the factor that trusted it is still active (ABUSE-9). */
  findTrusted(manager: EntityManager, tokenHash: string, userId: string): Promise<TrustedDevice | null> {
    return manager
      .createQueryBuilder(TrustedDevice, 'device')
      .innerJoin('factors', 'factor', `factor.id = device.factor_id AND factor.status = 'active'`)
      .where('device.token_hash = :tokenHash AND device.user_id = :userId AND device.revoked_at IS NULL', { tokenHash, userId })
      .getOne();
  }

  listLive(userId: string): Promise<TrustedDevice[]> {
    return this.db.manager.find(TrustedDevice, { where: { userId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  /** Revokes one of the user's live devices; false when it is not theirs or already revoked. */
  async revokeOwn(manager: EntityManager, userId: string, deviceId: string, at: Date): Promise<boolean> {
    const rows = await writeReturning(
      manager,
      `UPDATE trusted_devices SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
      [deviceId, userId, at],
    );
    return rows.length > 0;
  }

  /** Revokes every live device of a user; returns how many. */
  async revokeAllOfUser(manager: EntityManager, userId: string, at: Date): Promise<number> {
    const rows = await writeReturning(
      manager,
      `UPDATE trusted_devices SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId, at],
    );
    return rows.length;
  }

  /** The devices that the given factors trusted go with them. */
  async revokeForFactors(manager: EntityManager, factorIds: string[], at: Date): Promise<void> {
    if (factorIds.length === 0) return;
    await manager.query(`UPDATE trusted_devices SET revoked_at = $2 WHERE factor_id = ANY($1) AND revoked_at IS NULL`, [factorIds, at]);
  }
}
