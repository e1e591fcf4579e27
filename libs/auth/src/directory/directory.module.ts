import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordHasher } from '../passwords/password-hasher';
import { Company, Membership, User } from '@sitepass/database';
import { DirectoryRepository } from './directory.repository';
import { DirectoryService } from './directory.service';

/** Users, companies and memberships (DIR-1 to DIR-4), usable without the rest of the MFA core. */
@Module({
  imports: [TypeOrmModule.forFeature([User, Company, Membership])],
  providers: [DirectoryRepository, DirectoryService, PasswordHasher],
  exports: [DirectoryRepository, DirectoryService, PasswordHasher],
})
export class DirectoryModule {}
