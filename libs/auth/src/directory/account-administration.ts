import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SessionService } from '../sessions/session.service';
import { DirectoryService, UserChanges } from './directory.service';
import { User } from './user.entity';

/**
 * DIR-4 changes with consequences for sessions: a user made inactive is signed out everywhere at once
 * (SES-7), not when their access tokens happen to expire.
 */
@Injectable()
export class AccountAdministration {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: DirectoryService,
    private readonly sessions: SessionService,
  ) {}

  async updateUser(userId: string, changes: UserChanges): Promise<User> {
    const user = await this.directory.updateUser(userId, changes);
    if (changes.status === 'inactive') {
      const revoked = await this.db.transaction((manager) => this.sessions.revokeAllForUser(userId, 'deactivated', manager));
      await this.sessions.publishRevocations(revoked);
    }
    return user;
  }
}
