import { Factor, FactorRepository, User, UserRepository } from '@sitepass/database';
import { Inject, Injectable } from '@nestjs/common';
import { AttemptBudget } from '../challenges/attempt-budget';
import { DomainError } from '../errors/domain.error';
import { PRODUCT_POLICY, ProductPolicy } from '../sign-in/product-policy';
import { SubjectFactsLoader } from '../sign-in/subject-facts.loader';
import { isUsable, usableFactors } from '../sign-in/usable-factors';

/**
 * The factor a challenge (sign-in, re-check or step-up) is about to be issued for: the caller's own and
 * active (SEC-3), accepted by this product from this user (PAY-3), and the account not locked or in a
 * delay (LOGIN-5).
 */
@Injectable()
export class FactorAccess {
  constructor(
    @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
    private readonly users: UserRepository,
    private readonly factors: FactorRepository,
    private readonly facts: SubjectFactsLoader,
    private readonly budget: AttemptBudget,
  ) {}

  async usableFactor(userId: string, factorId: string): Promise<{ user: User; factor: Factor }> {
    const { user, factor } = await this.ownActiveFactor(userId, factorId);
    const requirement = this.policy.evaluate(await this.facts.load(user));
    if (!isUsable(factor, requirement)) {
      throw DomainError.of(
        'error.factor_type_not_allowed',
        { allowedFactorTypes: requirement.allowedFactorTypes },
        { args: { factorType: factor.type } },
      );
    }
    return { user, factor };
  }

  /** The user's active factors this product accepts from them (PAY-3): what a step-up may be proven with. */
  async usableFactors(userId: string): Promise<Factor[]> {
    const user = (await this.users.findById(userId))!;
    const facts = await this.facts.load(user);
    return usableFactors(facts.activeFactors, this.policy.evaluate(facts));
  }

  /** The caller's own active factor, whether or not this product accepts it: what a `proof` challenge proves (ABUSE-3). */
  async ownActiveFactor(userId: string, factorId: string): Promise<{ user: User; factor: Factor }> {
    const user = (await this.users.findById(userId))!;
    const factor = await this.factors.findOwn(user.id, factorId);
    if (!factor || factor.status !== 'active') throw DomainError.of('error.not_found.factor');
    this.budget.assertMayTry(user);
    return { user, factor };
  }
}
