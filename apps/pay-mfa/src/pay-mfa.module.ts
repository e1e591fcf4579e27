import { DynamicModule, Module } from '@nestjs/common';
import { CommonModule } from '@sitepass/common';
import { ConfigModule, SitepassConfig } from '@sitepass/config';
import { DatabaseModule } from '@sitepass/database';
import { createMfaStepController, createSessionsController, HttpAuthModule, JwksController } from '@sitepass/http';
import { HealthModule } from '@sitepass/health';
import { PayeeAdminEnrollmentsController, PayorEnrollmentsController } from './enrollments/pay-enrollments.controller';
import { PayRoleGate } from './enrollments/pay-role.gate';
import { PayPolicy } from './pay.policy';
import { PayResetsController } from './resets/pay-resets.controller';
import { AuthorizationsController } from './step-ups/authorizations.controller';
import { StepUpsController } from './step-ups/step-ups.controller';

/** Pay's HTTP app (port 3001): the shared core with Pay's policy. */
@Module({})
export class PayMfaModule {
  static forRoot(config: SitepassConfig): DynamicModule {
    return {
      module: PayMfaModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule.forRoot('pay-mfa'),
        DatabaseModule.forRoot(),
        HttpAuthModule.forRoot({ policy: PayPolicy }),
        HealthModule,
      ],
      controllers: [
        createSessionsController('v1/pay/sessions'),
        createMfaStepController('v1/pay'),
        PayorEnrollmentsController,
        PayeeAdminEnrollmentsController,
        StepUpsController,
        AuthorizationsController,
        PayResetsController,
        JwksController,
      ],
      providers: [PayRoleGate],
    };
  }
}
