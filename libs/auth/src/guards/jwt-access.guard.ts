import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../errors/domain.error';

/** Runs the passport-jwt strategy and turns every failure into a stable error code (SES-8). */
@Injectable()
export class JwtAccessGuard extends AuthGuard('jwt') {
  override handleRequest<T>(error: unknown, principal: T, info: unknown): T {
    if (error instanceof DomainError) throw error;
    if (principal) return principal;
    if (info instanceof Error && info.message === 'No auth token') {
      throw new DomainError('authentication_required', 'This request needs an access token.');
    }
    throw new DomainError('invalid_token', 'The access token is not valid.');
  }
}
