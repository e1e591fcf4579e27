import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChallengeService } from '../challenges/challenge.service';
import { TrustedDeviceService } from '../devices/trusted-device.service';
import { PasswordHasher } from '../passwords/password-hasher';
import { SessionService } from '../sessions/session.service';
import { PendingSignInService } from '../sign-in/pending-sign-in.service';
import { DirectoryService, UserChanges } from './directory.service';
import { User } from '@sitepass/database';

/**
 * DIR-4 changes with consequences for what the user has open. A user made inactive (ABUSE-4) or given a
 * new password (ABUSE-9) is signed out everywhere at once (SES-7), every trusted device goes, and open
 * sign-ins and challenges end: nothing the old password or the active account started goes on. One
 * transaction that locks the user's row first, as every token-issuing path does, so a sign-in completing
 * at the same moment either finishes before (and its session is revoked here) or finds the user inactive.
 */
@Injectable()
export class AccountAdministration {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: DirectoryService,
    private readonly passwords: PasswordHasher,
    private readonly challenges: ChallengeService,
    private readonly pendingSignIns: PendingSignInService,
    private readonly devices: TrustedDeviceService,
    private readonly sessions: SessionService,
  ) {}

  async updateUser(userId: string, { password, ...changes }: UserChanges): Promise<User> {
    const passwordHash = password === undefined ? undefined : await this.passwords.hash(password);
    return this.db.transaction(async (manager) => {
      const user = await this.directory.updateUser(manager, userId, { ...changes, passwordHash });
      const deactivated = changes.status === 'inactive';
      if (deactivated || passwordHash !== undefined) {
        await this.challenges.revokePendingForUser(userId, manager);
        await this.pendingSignIns.revokeAllForUser(userId, manager);
        await this.devices.revokeAllForUser(userId, manager);
        await this.sessions.revokeAllForUser(userId, deactivated ? 'deactivated' : 'password_changed', manager);
      }
      return user;
    });
  }
}
