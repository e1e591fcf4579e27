import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AUTH_OPTIONS, AuthOptions, Caller, DomainError, PendingSignInService } from '@sitepass/auth';
import { cookiesOf, MFA_TOKEN_COOKIE } from '../pages/cookies';

export function bearerToken(request: Request): string | null {
  const header = request.header('authorization') ?? '';
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() || null : null;
}

/**
 * Accepts the opaque mfaToken of a live pending sign-in of this product (SES-8): as a bearer token, or on a
 * pages request (which passed the CSRF check) from its `__Host-` cookie. cookiesOf() gives an API request none.
 */
@Injectable()
export class MfaTokenGuard implements CanActivate {
  constructor(
    private readonly pendingSignIns: PendingSignInService,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
    const token = bearerToken(request) ?? cookiesOf(request).get(MFA_TOKEN_COOKIE);
    if (!token) throw DomainError.of('error.authentication_required.mfa_token');
    const pendingSignIn = await this.pendingSignIns.findByToken(token, this.options.audience);
    request.caller = { kind: 'sign_in', userId: pendingSignIn.userId, pendingSignIn };
    return true;
  }
}
