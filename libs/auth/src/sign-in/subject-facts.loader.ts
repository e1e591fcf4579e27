import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DirectoryRepository } from '../directory/directory.repository';
import { User } from '../directory/user.entity';
import { Factor } from '../factors/factor.entity';
import { SubjectFacts } from './product-policy';

/** Gathers, in a few queries, the facts a product policy needs about one user. */
@Injectable()
export class SubjectFactsLoader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: DirectoryRepository,
  ) {}

  async load(user: User, manager: EntityManager = this.db.manager): Promise<SubjectFacts> {
    const [memberships, activeFactors] = await Promise.all([
      this.directory.activeMembershipsOf(user.id, manager),
      manager.find(Factor, { where: { userId: user.id, status: 'active' }, order: { activatedAt: 'ASC' } }),
    ]);
    return { user, memberships, activeFactors };
  }
}
