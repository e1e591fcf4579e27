import { Injectable } from '@nestjs/common';
import { Clock, KeyedHasher, randomToken } from '@sitepass/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { Amr } from '../tokens/access-token';
import { TrustedDevice } from './trusted-device.entity';

const PURPOSE = 'device-token';

/** SES-6: devices that proved MFA skip the MFA step until the re-authentication interval has passed. */
@Injectable()
export class TrustedDeviceService {
  constructor(
    private readonly hasher: KeyedHasher,
    private readonly clock: Clock,
  ) {}

  /** Returns the opaque device token to hand to the client once. */
  async trust(userId: string, amr: Amr[], mfaTime: Date, manager: EntityManager): Promise<string> {
    const token = randomToken();
    await manager.insert(TrustedDevice, {
      id: randomUUID(),
      userId,
      tokenHash: this.hasher.hash(PURPOSE, token),
      amr,
      mfaTime,
      createdAt: this.clock.now(),
      revokedAt: null,
    });
    return token;
  }

  /** The device behind a token, if it is this user's and its MFA is younger than `maxAgeSeconds`. */
  async findTrusted(userId: string, token: string, maxAgeSeconds: number, manager: EntityManager): Promise<TrustedDevice | null> {
    if (maxAgeSeconds <= 0) return null;
    const device = await manager.findOneBy(TrustedDevice, { tokenHash: this.hasher.hash(PURPOSE, token), userId, revokedAt: IsNull() });
    if (!device) return null;
    const ageSeconds = (this.clock.now().getTime() - device.mfaTime.getTime()) / 1000;
    return ageSeconds <= maxAgeSeconds ? device : null;
  }

  async revokeAllForUser(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE trusted_devices SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, this.clock.now()]);
  }
}
