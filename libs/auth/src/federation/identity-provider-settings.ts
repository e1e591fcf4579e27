import { Injectable } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import { CompanyRepository, IdentityProvider, IdentityProviderRepository } from '@sitepass/database';
import { DomainError } from '../errors/domain.error';
import { providerUrlProblem } from './provider-url';

export interface IdentityProviderInput {
  issuer: string;
  clientId: string;
  jwksUri: string;
}

/** DIR-6: a company's OpenID Connect provider for Pay, set by the platform's back end through the internal API. */
@Injectable()
export class IdentityProviderSettings {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly providers: IdentityProviderRepository,
    private readonly clock: Clock,
  ) {}

  async find(companyId: string): Promise<IdentityProvider> {
    await this.assertCompany(companyId);
    return (await this.providers.findByCompany(companyId)) ?? noProvider();
  }

  /**
   * Creates or replaces the provider. The issuer is compared with `iss` exactly, as OpenID Connect asks, so
   * it is stored as given; both URLs must be https, except on a loopback host (tests, development).
   */
  async set(companyId: string, input: IdentityProviderInput): Promise<IdentityProvider> {
    const problems = [
      ['issuer', providerUrlProblem(input.issuer) ?? (new URL(input.issuer).search ? 'must not have a query' : null)],
      ['jwksUri', providerUrlProblem(input.jwksUri)],
    ].flatMap(([field, problem]) => (problem ? [{ field: field!, message: `${field} ${problem}` }] : []));
    if (problems.length > 0) throw DomainError.validation(problems);
    await this.assertCompany(companyId);
    const now = this.clock.now();
    return this.providers.upsert(Object.assign(new IdentityProvider(), { companyId, ...input, createdAt: now, updatedAt: now }));
  }

  async remove(companyId: string): Promise<void> {
    await this.assertCompany(companyId);
    if (!(await this.providers.remove(companyId))) noProvider();
  }

  private async assertCompany(companyId: string): Promise<void> {
    if (!(await this.companies.findById(companyId))) throw DomainError.notFound('The company');
  }
}

function noProvider(): never {
  throw DomainError.notFound('The company’s identity provider');
}
