import { Inject, Injectable, Type } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Clock, epochSeconds } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import type { Request } from 'express';
import type { KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { ExtractJwt, SecretOrKeyProvider, Strategy } from 'passport-jwt';
import { AccessTokenClaims, AUTH_OPTIONS, AuthOptions, DomainError, Principal, RevocationStore, SigningKeys } from '@sitepass/auth';
import { cookiesOf, pageSessionCookies } from '../pages/cookies';

export interface JwtStrategyHandle {
  validate(claims: AccessTokenClaims): Promise<Principal>;
}

/**
 * The verification key named by the token's kid, as a KeyObject parsed once at start-up: handed a PEM,
 * jsonwebtoken would parse it on every request. jsonwebtoken takes KeyObjects; passport-jwt's types only
 * name strings and buffers, hence the one cast.
 */
function keyProvider(keys: SigningKeys): SecretOrKeyProvider {
  const provide = (_request: Request, rawToken: string, done: (error: unknown, key?: KeyObject) => void) => {
    const decoded = jwt.decode(rawToken, { complete: true });
    const key = typeof decoded?.header.kid === 'string' ? keys.findByKid(decoded.header.kid) : undefined;
    if (!key) return done(DomainError.of('error.invalid_token.access_token'));
    return done(null, key.publicKey);
  };
  return provide as unknown as SecretOrKeyProvider;
}

/**
 * Verifies access tokens (SES-8): ES256 only (so `none` and HS256 are refused before any key is used),
 * a key from the configured set by kid, this app's audience, our issuer, and a session not revoked (SES-7).
 * Expiry is checked against the injected clock rather than inside jsonwebtoken, which reads Date.now().
 *
 * Passport keeps strategies in one process-wide registry, so each app registers its strategy under a
 * name of its own: several apps in one process (as in the end-to-end tests) never verify with another's keys.
 */
export function createJwtStrategy(name: string): Type<JwtStrategyHandle> {
  @Injectable()
  class JwtStrategy extends PassportStrategy(Strategy, name) {
    constructor(
      @Inject(CONFIG) config: SitepassConfig,
      @Inject(AUTH_OPTIONS) options: AuthOptions,
      keys: SigningKeys,
      private readonly clock: Clock,
      private readonly revocations: RevocationStore,
    ) {
      super({
        // A page session's access token rides in its cookie; cookiesOf() gives an API request none (WEB-7).
        jwtFromRequest: ExtractJwt.fromExtractors([
          ExtractJwt.fromAuthHeaderAsBearerToken(),
          (request: Request) => cookiesOf(request).get(pageSessionCookies(options.audience).access) ?? null,
        ]),
        algorithms: ['ES256'],
        issuer: config.jwt.issuer,
        audience: options.audience,
        ignoreExpiration: true,
        secretOrKeyProvider: keyProvider(keys),
      });
    }

    async validate(claims: AccessTokenClaims): Promise<Principal> {
      const now = epochSeconds(this.clock.now());
      if (typeof claims.exp !== 'number' || claims.exp <= now) {
        throw DomainError.of('error.invalid_token.access_token_expired');
      }
      if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string') {
        throw DomainError.of('error.invalid_token.access_token');
      }
      if (await this.revocations.isRevoked(claims.sid)) {
        throw DomainError.of('error.session_revoked');
      }
      return {
        userId: claims.sub,
        sessionId: claims.sid,
        audience: claims.aud,
        acr: claims.acr,
        amr: claims.amr,
        authTime: new Date(claims.auth_time * 1000),
        mfaTime: claims.mfa_time ? new Date(claims.mfa_time * 1000) : null,
      };
    }
  }
  return JwtStrategy;
}
