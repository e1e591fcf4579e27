import { Injectable } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import { CompanyRepository, IdentityProvider, IdentityProviderRepository } from '@sitepass/database';
import { DomainError, FieldProblem } from '../errors/domain.error';
import { phrase } from '@sitepass/i18n';
import { providerUrlProblem, ProviderUrlProblem } from './provider-url';

const PROBLEM_KEYS = {
  not_absolute: 'validation.provider_url.not_absolute',
  credentials: 'validation.provider_url.credentials',
  fragment: 'validation.provider_url.fragment',
  not_https: 'validation.provider_url.not_https',
  query: 'validation.provider_url.query',
} as const satisfies Record<ProviderUrlProblem | 'query', string>;

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
    const issuerProblem = providerUrlProblem(input.issuer) ?? (new URL(input.issuer).search ? 'query' : null);
    const problems: FieldProblem[] = [
      ...(issuerProblem ? [{ field: 'issuer', problem: phrase(PROBLEM_KEYS[issuerProblem]) }] : []),
      ...(providerUrlProblem(input.jwksUri)
        ? [{ field: 'jwksUri', problem: phrase(PROBLEM_KEYS[providerUrlProblem(input.jwksUri)!]) }]
        : []),
    ];
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
    if (!(await this.companies.findById(companyId))) throw DomainError.of('error.not_found.company');
  }
}

function noProvider(): never {
  throw DomainError.of('error.not_found.identity_provider');
}
