import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_MODE, AuthMode } from '../decorators/auth-mode.decorator';
import { JWT_ACCESS_GUARD } from './jwt-access.guard';
import { ServiceTokenGuard } from './service-token.guard';

/** The app-wide guard: picks the check each route declared, an access token by default. */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_ACCESS_GUARD) private readonly accessTokens: CanActivate,
    private readonly serviceToken: ServiceTokenGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const mode = this.reflector.getAllAndOverride<AuthMode | undefined>(AUTH_MODE, [context.getHandler(), context.getClass()]);
    switch (mode ?? 'access') {
      case 'public':
        return true;
      case 'service':
        return this.serviceToken.canActivate(context);
      case 'access':
        return (await this.accessTokens.canActivate(context)) as boolean;
    }
  }
}
