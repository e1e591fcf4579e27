import { Injectable } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import { User, UserRepository, UserWithFacts } from '@sitepass/database';
import { EntityManager } from 'typeorm';
import { SubjectFacts } from './product-policy';

/** Gathers the facts a product policy needs about one user, as of now (one statement: PERF-2). */
@Injectable()
export class SubjectFactsLoader {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async load(user: User, manager?: EntityManager): Promise<SubjectFacts> {
    return this.factsOf(await this.users.loadFacts(user, manager));
  }

  /** The user with this email (null if none) and their facts, and whether the email's domain is an SSO domain. */
  async loadByEmail(email: string): Promise<{ facts: SubjectFacts | null; ssoDomainInUse: boolean }> {
    const { subject, ssoDomainInUse } = await this.users.findSignInSubject(email);
    return { facts: subject && this.factsOf(subject), ssoDomainInUse };
  }

  private factsOf({ user, memberships, activeFactors }: UserWithFacts): SubjectFacts {
    const companyPolicies = memberships.flatMap((membership) => (membership.company?.policy ? [membership.company.policy] : []));
    return { user, memberships, companyPolicies, activeFactors, asOf: this.clock.now() };
  }
}
