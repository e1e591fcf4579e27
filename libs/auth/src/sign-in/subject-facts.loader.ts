import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DirectoryRepository } from '../directory/directory.repository';
import { User } from '../directory/user.entity';
import { SubjectFacts } from './product-policy';

/** Gathers, in a few queries, the facts a product policy needs about one user. */
@Injectable()
export class SubjectFactsLoader {
  constructor(private readonly directory: DirectoryRepository) {}

  async load(user: User, manager?: EntityManager): Promise<SubjectFacts> {
    const memberships = await this.directory.activeMembershipsOf(user.id, manager);
    return { user, memberships };
  }
}
