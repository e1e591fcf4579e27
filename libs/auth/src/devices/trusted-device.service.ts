import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, KeyedHasher, randomToken, requestContext } from '@sitepass/common';
import { Amr, AuditEventRepository, TrustedDevice, writeReturning } from '@sitepass/database';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DomainError } from '../errors/domain.error';

const PURPOSE = 'device-token';

/** What a user sees of a device they trusted (ABUSE-9). */
export interface TrustedDeviceView {
  id: string;
  createdAt: string;
  mfaTime: string;
  amr: Amr[];
  factorId: string;
  ip: string | null;
  userAgent: string | null;
}

/**
 * SES-6: devices that proved MFA skip the MFA step until the re-authentication interval has passed.
 * ABUSE-9: a device is trusted only while the factor whose proof trusted it is active; removing or
 * replacing that factor, redeeming the recovery code, a password change, a reset, a deactivation and
 * signing out everywhere revoke it, and users list and revoke their own.
 */
@Injectable()
export class TrustedDeviceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: KeyedHasher,
    private readonly audit: AuditEventRepository,
    private readonly clock: Clock,
  ) {}

  /** Returns the opaque device token to hand to the client once. */
  async trust(userId: string, factorId: string, amr: Amr[], mfaTime: Date, manager: EntityManager): Promise<string> {
    const token = randomToken();
    const context = requestContext.current();
    await manager.insert(TrustedDevice, {
      id: randomUUID(),
      userId,
      tokenHash: this.hasher.hash(PURPOSE, token),
      amr,
      mfaTime,
      factorId,
      ip: context?.ip ?? null,
      userAgent: context?.userAgent ?? null,
      createdAt: this.clock.now(),
      revokedAt: null,
    });
    return token;
  }

  /** The device behind a token, if it is this user's, its factor is still active and its MFA younger than `maxAgeSeconds`. */
  async findTrusted(userId: string, token: string, maxAgeSeconds: number, manager: EntityManager): Promise<TrustedDevice | null> {
    if (maxAgeSeconds <= 0) return null;
    const device = await manager
      .createQueryBuilder(TrustedDevice, 'device')
      .innerJoin('factors', 'factor', `factor.id = device.factor_id AND factor.status = 'active'`)
      .where('device.token_hash = :tokenHash AND device.user_id = :userId AND device.revoked_at IS NULL', {
        tokenHash: this.hasher.hash(PURPOSE, token),
        userId,
      })
      .getOne();
    if (!device) return null;
    const ageSeconds = (this.clock.now().getTime() - device.mfaTime.getTime()) / 1000;
    return ageSeconds <= maxAgeSeconds ? device : null;
  }

  async list(userId: string): Promise<TrustedDeviceView[]> {
    const devices = await this.db.manager.find(TrustedDevice, { where: { userId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
    return devices.map((device) => ({
      id: device.id,
      createdAt: device.createdAt.toISOString(),
      mfaTime: device.mfaTime.toISOString(),
      amr: device.amr,
      factorId: device.factorId,
      ip: device.ip,
      userAgent: device.userAgent,
    }));
  }

  /** ABUSE-9: a user revokes one of their devices; another user's device, or one already revoked, is a 404. */
  async revokeOwn(userId: string, deviceId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const rows = await writeReturning(
        manager,
        `UPDATE trusted_devices SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
        [deviceId, userId, this.clock.now()],
      );
      if (rows.length === 0) throw DomainError.notFound('The trusted device');
      await this.audit.record(
        { type: 'trusted_device.revoked', subjectUserId: userId, data: { deviceId, reason: 'revoked_by_user' } },
        manager,
      );
    });
  }

  /** ABUSE-9: a user revokes every device they trusted. */
  async revokeAllOwn(userId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const count = await this.revokeAllForUser(userId, manager);
      if (count > 0)
        await this.audit.record(
          { type: 'trusted_device.revoked', subjectUserId: userId, data: { count, reason: 'revoked_by_user' } },
          manager,
        );
    });
  }

  async revokeAllForUser(userId: string, manager: EntityManager = this.db.manager): Promise<number> {
    const rows = await writeReturning(
      manager,
      `UPDATE trusted_devices SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId, this.clock.now()],
    );
    return rows.length;
  }

  /** The devices that the given factors trusted go with them. */
  async revokeForFactors(manager: EntityManager, factorIds: string[]): Promise<void> {
    if (factorIds.length === 0) return;
    await manager.query(`UPDATE trusted_devices SET revoked_at = $2 WHERE factor_id = ANY($1) AND revoked_at IS NULL`, [
      factorIds,
      this.clock.now(),
    ]);
  }
}
