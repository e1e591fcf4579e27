import { DynamicModule, Module } from '@nestjs/common';
import { CommonModule } from '@sitepass/common';
import { SitepassConfig, SitepassConfigModule } from '@sitepass/config';
import { DatabaseModule } from '@sitepass/database';
import {
  createEnrollmentsController,
  createMfaStepController,
  createSessionsController,
  HttpAuthModule,
  JwksController,
  PagesOptions,
} from '@sitepass/http';
import {
  ACCOUNT_SECURITY_PAGES,
  ADMIN_CONSOLE_PAGES,
  AssetsController,
  createSignInPages,
  SupportResetPages,
  WebModule,
} from '@sitepass/web';
import { HealthModule } from '@sitepass/health';
import { LocaleController } from './account/locale.controller';
import { AuditEventsController } from './companies/audit-events.controller';
import { MemberStatusController } from './companies/member-status.controller';
import { MfaPolicyController } from './companies/mfa-policy.controller';
import { MfaResetsController } from './companies/mfa-resets.controller';
import { InternalDirectoryController } from './directory/internal-directory.controller';
import { InternalOperationsController } from './operations/internal-operations.controller';
import { FactorsController } from './factors/factors.controller';
import { StandardPolicy } from './policy/standard.policy';
import { StandardResetRules } from './policy/standard-reset.rules';
import { SupportResetsController } from './support/support-resets.controller';
import { TrustedDevicesController } from './devices/trusted-devices.controller';

/** The standard product's hosted pages (WEB-1…WEB-5): every other path is the JSON API. */
export const STANDARD_PAGES: PagesOptions = {
  prefixes: ['/signin', '/signout', '/account', '/admin', '/support'],
  signInPath: '/signin',
};

/** The standard product's HTTP app (port 3000): the JSON API and the hosted pages. */
@Module({})
export class StandardMfaModule {
  static forRoot(config: SitepassConfig): DynamicModule {
    const core = HttpAuthModule.forRoot({ policy: StandardPolicy, resetRules: StandardResetRules });
    return {
      module: StandardMfaModule,
      imports: [
        SitepassConfigModule.forRoot(config),
        CommonModule.forRoot('standard-mfa'),
        DatabaseModule.forRoot(),
        core,
        HealthModule,
        WebModule.forRoot(core),
      ],
      controllers: [
        createSessionsController('v1/sessions'),
        createMfaStepController('v1'),
        createEnrollmentsController('v1/enrollments'),
        FactorsController,
        TrustedDevicesController,
        LocaleController,
        JwksController,
        InternalDirectoryController,
        InternalOperationsController,
        MfaPolicyController,
        MemberStatusController,
        MfaResetsController,
        AuditEventsController,
        SupportResetsController,
        AssetsController,
        createSignInPages(''),
        ...ACCOUNT_SECURITY_PAGES,
        ...ADMIN_CONSOLE_PAGES,
        SupportResetPages,
      ],
    };
  }
}
