import { Injectable } from '@nestjs/common';
import { Clock, KeyedHasher } from '@sitepass/common';
import { IdentityProvider, IdentityProviderRepository, UsedNonceRepository } from '@sitepass/database';
import { decodeJwt, decodeProtectedHeader, errors, JWTPayload, jwtVerify } from 'jose';
import { DomainError } from '../errors/domain.error';
import { phrase } from '@sitepass/i18n';
import { ProviderKeys } from './provider-keys';

/** Asymmetric signatures only: never `none`, never an HMAC whose "secret" would be a public key. */
export const ID_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
/** How far the provider's clock may be from ours, for `exp`, `iat` and `nbf`. */
export const ID_TOKEN_CLOCK_TOLERANCE_SECONDS = 30;
/** An ID token is presented right after the provider issued it: one older than this is refused. */
export const ID_TOKEN_MAX_AGE_SECONDS = 600;

/** An ID token that passed every check, and the providers (usually one) whose issuer and client id it carries. */
export interface VerifiedIdToken {
  claims: JWTPayload & { email?: unknown; email_verified?: unknown; nonce?: unknown };
  providers: IdentityProvider[];
}

/** Why a token was refused, for the audit; the client sees `invalid_id_token` or `unknown_provider`. */
export type IdTokenRefusal = 'malformed' | 'algorithm' | 'signature' | 'expired' | 'claims' | 'nonce' | 'replayed' | 'unknown_provider';

export class IdTokenRefused extends DomainError {
  constructor(
    readonly reason: IdTokenRefusal,
    readonly issuer: string | null,
  ) {
    super(
      reason === 'unknown_provider' ? 'unknown_provider' : 'invalid_id_token',
      phrase(reason === 'unknown_provider' ? 'error.unknown_provider' : 'error.invalid_id_token'),
    );
  }
}

/**
 * PAY-11: checks an ID token as OpenID Connect Core 1.0 (3.1.3.7) asks, with jose: the issuer and audience of a
 * company's provider (DIR-6), an asymmetric signature by a key of the provider's JWKS, `exp`, `iat` (at most
 * 10 minutes old) and `nbf` within 30 seconds of our clock, `azp` when there are several audiences, and the
 * nonce the client sent. Each token's nonce signs in once, on every instance: a replay is refused.
 */
@Injectable()
export class IdTokenVerifier {
  constructor(
    private readonly providers: IdentityProviderRepository,
    private readonly nonces: UsedNonceRepository,
    private readonly keys: ProviderKeys,
    private readonly hasher: KeyedHasher,
    private readonly clock: Clock,
  ) {}

  async verify(idToken: string, nonce: string): Promise<VerifiedIdToken> {
    const { issuer, audiences } = readUnverified(idToken);
    const providers = await this.providers.findByIssuer(issuer, audiences);
    if (providers.length === 0) throw new IdTokenRefused('unknown_provider', issuer);
    // Companies that share an issuer and a client id share its keys: the first configured one's URL serves.
    const provider = providers[0]!;
    const claims = await this.checkSignatureAndClaims(idToken, provider);
    if (claims.nonce !== nonce) throw new IdTokenRefused('nonce', issuer);
    const digest = this.hasher.hash('id-token-nonce', `${issuer}\n${nonce}`);
    const keepUntil = new Date((claims.exp! + ID_TOKEN_CLOCK_TOLERANCE_SECONDS) * 1000);
    if (!(await this.nonces.spendNonce(digest, keepUntil))) throw new IdTokenRefused('replayed', issuer);
    return { claims, providers: providers.filter((candidate) => candidate.clientId === provider.clientId) };
  }

  private async checkSignatureAndClaims(idToken: string, provider: IdentityProvider): Promise<VerifiedIdToken['claims']> {
    try {
      const { payload } = await this.keys.withKeys(provider.jwksUri, (keys) =>
        jwtVerify(idToken, keys, {
          issuer: provider.issuer,
          audience: provider.clientId,
          algorithms: ID_TOKEN_ALGORITHMS,
          clockTolerance: ID_TOKEN_CLOCK_TOLERANCE_SECONDS,
          maxTokenAge: ID_TOKEN_MAX_AGE_SECONDS,
          requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
          currentDate: this.clock.now(),
        }),
      );
      const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
      if (audiences.length > 1 && payload.azp !== provider.clientId) throw new IdTokenRefused('claims', provider.issuer);
      return payload;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new IdTokenRefused(refusalOf(error), provider.issuer);
    }
  }
}

/** The issuer and audiences a token claims, read before anything is trusted, to find its provider. */
function readUnverified(idToken: string): { issuer: string; audiences: string[] } {
  let claims: JWTPayload;
  try {
    const header = decodeProtectedHeader(idToken);
    if (typeof header.alg !== 'string' || !ID_TOKEN_ALGORITHMS.includes(header.alg)) throw new IdTokenRefused('algorithm', null);
    claims = decodeJwt(idToken);
  } catch (error) {
    if (error instanceof IdTokenRefused) throw error;
    throw new IdTokenRefused('malformed', null);
  }
  const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter((audience) => typeof audience === 'string');
  if (typeof claims.iss !== 'string' || audiences.length === 0) throw new IdTokenRefused('claims', null);
  return { issuer: claims.iss, audiences };
}

function refusalOf(error: unknown): IdTokenRefusal {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return 'claims';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'algorithm';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'signature';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'signature';
  return 'malformed';
}
