import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, KeyedHasher, randomToken, requestContext } from '@sitepass/common';
import { Amr, AuditEventRepository, TrustedDevice, TrustedDeviceRepository } from '@sitepass/database';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
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
    private readonly devices: TrustedDeviceRepository,
    private readonly hasher: KeyedHasher,
    private readonly audit: AuditEventRepository,
    private readonly clock: Clock,
  ) {}

  /** Returns the opaque device token to hand to the client once. */
  async trust(userId: string, factorId: string, amr: Amr[], mfaTime: Date, manager: EntityManager): Promise<string> {
    const token = randomToken();
    const context = requestContext.current();
    await this.devices.insert(
      manager,
      Object.assign(new TrustedDevice(), {
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
      }),
    );
    return token;
  }

  /** The device behind a token, if it is this user's, its factor is still active and its MFA younger than `maxAgeSeconds`. */
  async findTrusted(userId: string, token: string, maxAgeSeconds: number, manager: EntityManager): Promise<TrustedDevice | null> {
    if (maxAgeSeconds <= 0) return null;
    const device = await this.devices.findTrusted(manager, this.hasher.hash(PURPOSE, token), userId);
    if (!device) return null;
    const ageSeconds = (this.clock.now().getTime() - device.mfaTime.getTime()) / 1000;
    return ageSeconds <= maxAgeSeconds ? device : null;
  }

  async list(userId: string): Promise<TrustedDeviceView[]> {
    const devices = await this.devices.listLive(userId);
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
      if (!(await this.devices.revokeOwn(manager, userId, deviceId, this.clock.now())))
        throw DomainError.of('error.not_found.trusted_device');
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

  revokeAllForUser(userId: string, manager: EntityManager = this.db.manager): Promise<number> {
    return this.devices.revokeAllOfUser(manager, userId, this.clock.now());
  }

  /** The devices that the given factors trusted go with them. */
  revokeForFactors(manager: EntityManager, factorIds: string[]): Promise<void> {
    return this.devices.revokeForFactors(manager, factorIds, this.clock.now());
  }
}
