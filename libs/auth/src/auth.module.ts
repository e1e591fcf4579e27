import { DynamicModule, Module, Type } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AUTH_OPTIONS } from './auth.options';
import { AuditEvent } from './audit/audit-event.entity';
import { AuditService } from './audit/audit.service';
import { DirectoryModule } from './directory/directory.module';
import { AuthenticationGuard } from './guards/authentication.guard';
import { createJwtAccessGuard, JWT_ACCESS_GUARD, JWT_STRATEGY } from './guards/jwt-access.guard';
import { ServiceTokenGuard } from './guards/service-token.guard';
import { LoginThrottle } from './limits/login-throttle';
import { RateLimiter } from './limits/rate-limiter';
import { RefreshToken } from './sessions/refresh-token.entity';
import { RevocationStore } from './sessions/revocation.store';
import { Session } from './sessions/session.entity';
import { SessionService } from './sessions/session.service';
import { PRODUCT_POLICY, ProductPolicy } from './sign-in/product-policy';
import { SignInService } from './sign-in/sign-in.service';
import { SubjectFactsLoader } from './sign-in/subject-facts.loader';
import { createJwtStrategy } from './strategies/jwt.strategy';
import { AccessTokenIssuer } from './tokens/access-token.issuer';
import { SigningKeys } from './tokens/signing-keys';

export const AUTH_ENTITIES = [Session, RefreshToken, AuditEvent];

const SERVICES = [
  AuditService,
  RateLimiter,
  LoginThrottle,
  SigningKeys,
  AccessTokenIssuer,
  RevocationStore,
  SessionService,
  SubjectFactsLoader,
  SignInService,
];

export interface AuthModuleOptions {
  /** The app's product policy: its audience and what MFA it demands of whom. */
  policy: Type<ProductPolicy>;
}

/** The MFA core both HTTP apps share; each passes its own product policy. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const strategyName = `jwt-${randomUUID()}`;
    return {
      module: AuthModule,
      imports: [PassportModule, DirectoryModule, TypeOrmModule.forFeature(AUTH_ENTITIES)],
      providers: [
        ...SERVICES,
        { provide: PRODUCT_POLICY, useClass: options.policy },
        { provide: AUTH_OPTIONS, inject: [PRODUCT_POLICY], useFactory: (policy: ProductPolicy) => ({ audience: policy.audience }) },
        { provide: JWT_STRATEGY, useClass: createJwtStrategy(strategyName) },
        { provide: JWT_ACCESS_GUARD, useClass: createJwtAccessGuard(strategyName) },
        ServiceTokenGuard,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
      ],
      exports: [...SERVICES, DirectoryModule, PRODUCT_POLICY],
    };
  }
}
