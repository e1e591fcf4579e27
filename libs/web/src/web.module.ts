import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { PhoneForms } from './factors/phone-form';
import { AdminConsole } from './admin/admin-console';
import { PageFlows } from './flow/page-flow';
import { Pages } from './page-context';
import { PageSessions } from './session/page-session';
import { PasswordPages } from './sign-in/password-pages';
import { SignInContinuation } from './sign-in/sign-in-continuation';
import { ResetForms } from './resets/reset-form';
import { SsoAttempts } from './sso/sso-attempts';
import { StepUpFlows } from './step-up/step-up-flow';

/**
 * The hosted pages' shared services (WEB-1…WEB-7): page rendering, the flow cookie and the page session,
 * whose middleware renews an expiring page session before any guard reads it. An app passes the core it
 * built (`HttpAuthModule.forRoot(…)`, the same object it imports) and mounts the page controllers it serves.
 */
/** The pages' own services: every page controller of the app may use them. */
const PAGE_SERVICES = [
  Pages,
  PageFlows,
  PageSessions,
  PhoneForms,
  AdminConsole,
  PasswordPages,
  SignInContinuation,
  StepUpFlows,
  SsoAttempts,
  ResetForms,
];

@Module({})
export class WebModule implements NestModule {
  static forRoot(core: DynamicModule): DynamicModule {
    return {
      module: WebModule,
      imports: [core],
      providers: PAGE_SERVICES,
      exports: PAGE_SERVICES,
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PageSessions).forRoutes('*');
  }
}
