import { Module } from '@nestjs/common';
import { PasswordHasher } from '../passwords/password-hasher';
import { DirectoryService } from './directory.service';

/** Users, companies and memberships as the platform's back end maintains them (DIR-1 to DIR-4). */
@Module({
  providers: [DirectoryService, PasswordHasher],
  exports: [DirectoryService, PasswordHasher],
})
export class DirectoryModule {}
