import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AUTH_MODE, AuthMode } from '@sitepass/common';
import { Caller, Principal } from '@sitepass/auth';
import { JWT_ACCESS_GUARD } from './jwt-access.guard';
import { bearerToken, MfaTokenGuard } from './mfa-token.guard';
import { ServiceTokenGuard } from './service-token.guard';

type AuthenticatedRequest = Request & { user?: Principal; caller?: Caller };

/** The app-wide guard: picks the check each route declared, an access token by default. */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_ACCESS_GUARD) private readonly accessTokens: CanActivate,
    private readonly mfaTokens: MfaTokenGuard,
    private readonly serviceToken: ServiceTokenGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const mode = this.reflector.getAllAndOverride<AuthMode | undefined>(AUTH_MODE, [context.getHandler(), context.getClass()]);
    switch (mode ?? 'access') {
      case 'public':
        return true;
      case 'service':
        return this.serviceToken.canActivate(context);
      case 'mfa':
        return this.mfaTokens.canActivate(context);
      case 'mfa-or-access':
        // Access tokens are JWTs (three dot-separated parts); mfaTokens are opaque.
        return bearerToken(this.request(context))?.includes('.') ? this.access(context) : this.mfaTokens.canActivate(context);
      case 'access':
        return this.access(context);
    }
  }

  private async access(context: ExecutionContext): Promise<boolean> {
    await this.accessTokens.canActivate(context);
    const request = this.request(context);
    request.caller = { kind: 'session', userId: request.user!.userId, principal: request.user! };
    return true;
  }

  private request(context: ExecutionContext): AuthenticatedRequest {
    return context.switchToHttp().getRequest<AuthenticatedRequest>();
  }
}
