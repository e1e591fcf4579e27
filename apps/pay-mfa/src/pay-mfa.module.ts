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
  AssetsController,
  COMPANY_SIGN_IN_CALLBACK,
  CompanySignInPages,
  createSignInPages,
  createStepUpPages,
  PayResetPages,
  WebModule,
} from '@sitepass/web';
import { HealthModule } from '@sitepass/health';
import { PayeeAdminEnrollmentGate, PayorEnrollmentGate } from './enrollments/pay-enrollment.gates';
import { PAY_OPERATION_RULES, STEP_UP_OPERATION_WORDS } from './pay-operations';
import { PayPolicy } from './policy/pay.policy';
import { PayResetRules } from './policy/pay-reset.rules';
import { PayResetsController } from './resets/pay-resets.controller';
import { SsoSessionsController } from './sso/sso-sessions.controller';
import { AuthorizationsController } from './step-ups/authorizations.controller';
import { StepUpsController } from './step-ups/step-ups.controller';

/**
 * Pay's hosted pages (WEB-1, WEB-6, PAY-11): every path under /pay; the JSON API is under /v1/pay. The company
 * sign-in's callback receives the identity provider's cross-site form_post, which cannot carry a CSRF token:
 * its `state` check stands in for it (CompanySignInPages).
 */
export const PAY_PAGES: PagesOptions = { prefixes: ['/pay'], signInPath: '/pay/signin', crossSitePosts: [COMPANY_SIGN_IN_CALLBACK] };

/** Pay's HTTP app (port 3001): the shared core with Pay's policy, its JSON API and its hosted pages. */
@Module({})
export class PayMfaModule {
  static forRoot(config: SitepassConfig): DynamicModule {
    const core = HttpAuthModule.forRoot({ policy: PayPolicy, resetRules: PayResetRules });
    return {
      module: PayMfaModule,
      imports: [
        SitepassConfigModule.forRoot(config),
        CommonModule.forRoot('pay-mfa'),
        DatabaseModule.forRoot(),
        core,
        HealthModule,
        WebModule.forRoot(core),
      ],
      controllers: [
        createSessionsController('v1/pay/sessions'),
        SsoSessionsController,
        createMfaStepController('v1/pay'),
        createEnrollmentsController('v1/pay/payor/enrollments', { tag: 'pay enrollment', gate: PayorEnrollmentGate }),
        createEnrollmentsController('v1/pay/payee-admin/enrollments', { tag: 'pay enrollment', gate: PayeeAdminEnrollmentGate }),
        StepUpsController,
        AuthorizationsController,
        PayResetsController,
        JwksController,
        AssetsController,
        createSignInPages('/pay'),
        CompanySignInPages,
        PayResetPages,
        createStepUpPages({ operations: STEP_UP_OPERATION_WORDS, rules: PAY_OPERATION_RULES }),
      ],
      providers: [PayorEnrollmentGate, PayeeAdminEnrollmentGate],
    };
  }
}
