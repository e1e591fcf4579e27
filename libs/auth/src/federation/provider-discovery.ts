import { Injectable } from '@nestjs/common';
import { Clock } from '@sitepass/common';
import { emailDomain, IdentityProviderRepository } from '@sitepass/database';
import { DomainError } from '../errors/domain.error';
import { fetchProviderJson } from './provider-fetch';
import { providerUrlProblem } from './provider-url';

/** A provider's configuration is fetched again after 10 minutes, as its keys are (ProviderKeys). */
export const DISCOVERY_MAX_AGE_SECONDS = 600;
const MAX_DISCOVERY_BYTES = 64 * 1024;

/** Where a person of a company signs in, for the hosted sign-in's authorization request (PAY-11). */
export interface CompanyProvider {
  issuer: string;
  clientId: string;
  /** From the provider's OpenID configuration: https, except on a loopback host (DIR-6's rule). */
  authorizationEndpoint: string;
}

interface Discovered {
  authorizationEndpoint: string;
  fetchedAt: number;
}

/**
 * PAY-11 in the browser: the identity provider of the company an email belongs to, by its domain (a company
 * that lists the domain in its SSO domains and has a provider; the oldest such provider if several do), and its
 * authorization endpoint, read from `${issuer}/.well-known/openid-configuration` (OpenID Connect Discovery 1.0
 * §4) and kept per instance for 10 minutes on the injected clock; concurrent reads of one issuer share one
 * request. The document must name the same issuer (§4.3), and its endpoint must pass DIR-6's URL rule. The ID
 * token that comes back is verified by IdTokenVerifier as any other: this only decides where the browser goes.
 */
@Injectable()
export class ProviderDiscovery {
  private readonly documents = new Map<string, Discovered>();
  private readonly fetching = new Map<string, Promise<Discovered>>();

  constructor(
    private readonly providers: IdentityProviderRepository,
    private readonly clock: Clock,
  ) {}

  /** The provider of this email's company, or null when no company signs this domain in through one. */
  async forEmail(email: string): Promise<CompanyProvider | null> {
    const [provider] = await this.providers.findBySsoDomain(emailDomain(email));
    if (!provider) return null;
    const { authorizationEndpoint } = await this.discover(provider.issuer);
    return { issuer: provider.issuer, clientId: provider.clientId, authorizationEndpoint };
  }

  private discover(issuer: string): Promise<Discovered> {
    const kept = this.documents.get(issuer);
    if (kept && (this.clock.now().getTime() - kept.fetchedAt) / 1000 < DISCOVERY_MAX_AGE_SECONDS) return Promise.resolve(kept);
    const running = this.fetching.get(issuer);
    if (running) return running;
    const fetched = this.download(issuer)
      .then((authorizationEndpoint) => {
        const discovered = { authorizationEndpoint, fetchedAt: this.clock.now().getTime() };
        this.documents.set(issuer, discovered);
        return discovered;
      })
      .finally(() => this.fetching.delete(issuer));
    this.fetching.set(issuer, fetched);
    return fetched;
  }

  private async download(issuer: string): Promise<string> {
    try {
      // Discovery §4: the path is appended to the issuer, whose trailing slash (if any) goes first.
      const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const document = (await fetchProviderJson(url, MAX_DISCOVERY_BYTES)) as Record<string, unknown> | null;
      const endpoint = document?.authorization_endpoint;
      if (document?.issuer !== issuer) throw new Error('the document names another issuer');
      if (typeof endpoint !== 'string' || providerUrlProblem(endpoint)) throw new Error('no usable authorization_endpoint');
      return endpoint;
    } catch {
      throw DomainError.of('error.service_unavailable.provider_discovery');
    }
  }
}
