import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuthModule, AuthModuleOptions } from '@sitepass/auth';
import { randomUUID } from 'node:crypto';
import { RequestLocales } from '../i18n/request-locales';
import { AuthenticationGuard } from './authentication.guard';
import { createJwtAccessGuard, JWT_ACCESS_GUARD, JWT_STRATEGY } from './jwt-access.guard';
import { createJwtStrategy } from './jwt.strategy';
import { MfaTokenGuard } from './mfa-token.guard';
import { ServiceTokenGuard } from './service-token.guard';

/**
 * The MFA core with what HTTP needs around it: passport's access-token strategy, the mfaToken and service
 * token guards, and the app-wide guard that picks one per route. Each HTTP app passes its product policy.
 */
@Module({})
export class HttpAuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    // Passport keeps strategies in one process-wide registry: each app's strategy gets a name of its own.
    const strategyName = `jwt-${randomUUID()}`;
    return {
      module: HttpAuthModule,
      imports: [PassportModule, AuthModule.forRoot(options)],
      providers: [
        { provide: JWT_STRATEGY, useClass: createJwtStrategy(strategyName) },
        { provide: JWT_ACCESS_GUARD, useClass: createJwtAccessGuard(strategyName) },
        ServiceTokenGuard,
        MfaTokenGuard,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        RequestLocales,
      ],
      exports: [AuthModule, RequestLocales],
    };
  }
}
