import { Inject, Injectable } from '@nestjs/common';
import { Metrics } from '@sitepass/common';
import { AuditEventRepository, emailDomain, IdentityProvider } from '@sitepass/database';
import { DomainError } from '../errors/domain.error';
import { SignInResult } from '../sign-in/sign-in-result';
import { SignInService } from '../sign-in/sign-in.service';
import { SubjectFactsLoader } from '../sign-in/subject-facts.loader';
import { PRODUCT_POLICY, ProductPolicy, SubjectFacts } from '../sign-in/product-policy';
import { IdTokenRefused, IdTokenVerifier } from './id-token-verifier';

export interface IdTokenSignIn {
  idToken: string;
  /** The nonce the client put in its authorization request, which the provider copied into the token. */
  nonce: string;
}

/**
 * PAY-11: the first step of a sign-in proven by the company's identity provider instead of a password. The
 * ID token must be valid (IdTokenVerifier), its email verified by the provider, and that email must be an
 * active user who is an active member of a company using this provider, in one of that company's SSO
 * domains: a provider vouches only for its own company's people, never for another company's user who
 * happens to be a member too. Then the product's MFA rules apply unchanged, as after a password.
 */
@Injectable()
export class FederatedSignInService {
  constructor(
    @Inject(PRODUCT_POLICY) private readonly policy: ProductPolicy,
    private readonly verifier: IdTokenVerifier,
    private readonly facts: SubjectFactsLoader,
    private readonly signIn: SignInService,
    private readonly audit: AuditEventRepository,
    private readonly metrics: Metrics,
  ) {}

  async signInWithIdToken(input: IdTokenSignIn): Promise<SignInResult> {
    const { claims, providers } = await this.verifier.verify(input.idToken, input.nonce).catch(async (error: unknown) => {
      if (error instanceof IdTokenRefused) await this.refuse(error, null, { reason: error.reason, issuer: error.issuer });
      throw error;
    });
    const issuer = claims.iss!;
    if (typeof claims.email !== 'string') {
      await this.refuse(new IdTokenRefused('claims', issuer), null, { reason: 'no_email', issuer });
    }
    const { facts } = await this.facts.loadByEmail(claims.email as string);
    const subjectUserId = facts?.user.id ?? null;
    if (claims.email_verified !== true) {
      const error = DomainError.of('error.email_not_verified');
      await this.refuse(error, subjectUserId, { reason: 'email_not_verified', issuer });
    }
    const company = facts && facts.user.status === 'active' ? vouchingCompany(facts, providers) : null;
    if (!facts || !company) {
      const error = DomainError.of('error.invalid_credentials.federated');
      return this.refuse(error, subjectUserId, { reason: 'no_matching_user', issuer });
    }
    await this.audit.record({
      type: 'sign_in.federated',
      subjectUserId: facts.user.id,
      companyId: company.companyId,
      data: { audience: this.policy.audience, issuer, subject: claims.sub! },
    });
    return this.signIn.afterFirstStep(facts, 'fed');
  }

  /** Audits a refused sign-in with its reason (AUD-1), counts it, and throws the error the client gets. */
  private async refuse(error: DomainError, subjectUserId: string | null, data: Record<string, string | null>): Promise<never> {
    const audience = this.policy.audience;
    await this.audit.record({ type: 'sign_in.failed', subjectUserId, data: { audience, firstFactor: 'fed', ...data } });
    this.metrics.signIns.inc({ audience, outcome: error.code });
    throw error;
  }
}

/** The company, among those using the token's provider, of which the user is an active member in an SSO domain. */
function vouchingCompany(facts: SubjectFacts, providers: IdentityProvider[]): IdentityProvider | null {
  const domain = emailDomain(facts.user.email);
  return (
    providers.find((provider) =>
      facts.memberships.some(
        (membership) =>
          membership.companyId === provider.companyId && membership.status === 'active' && provider.company?.ssoDomains.includes(domain),
      ),
    ) ?? null
  );
}
