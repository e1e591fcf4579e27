import { CanActivate, Injectable, Type } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '@sitepass/auth';
import { isDependencyOutage } from '../errors/error-body';

/**
 * Runs the app's passport-jwt strategy and turns every failure into a stable error code (SES-8). PostgreSQL or
 * Redis out of reach while checking the session is not a bad token: it stays an outage, answered 503 (REL-2),
 * so that clients keep their tokens and try again.
 */
export function createJwtAccessGuard(strategyName: string): Type<CanActivate> {
  @Injectable()
  class JwtAccessGuard extends AuthGuard(strategyName) {
    override handleRequest<T>(error: unknown, principal: T, info: unknown): T {
      if (error instanceof DomainError || isDependencyOutage(error)) throw error;
      if (principal) return principal;
      if (info instanceof Error && info.message === 'No auth token') {
        throw DomainError.of('error.authentication_required.access_token');
      }
      throw DomainError.of('error.invalid_token.access_token');
    }
  }
  return JwtAccessGuard;
}

/** The injection token of the app's access-token guard. */
export const JWT_ACCESS_GUARD = Symbol('JwtAccessGuard');
export const JWT_STRATEGY = Symbol('JwtStrategy');
