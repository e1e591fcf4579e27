import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OperationAuthorizer, Principal } from '@sitepass/auth';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { PAY_OPERATION_RULES } from '../pay-operations';
import { AuthorizationDecisionDto, AuthorizationDto } from './step-up.dto';
import { ACCESS_TOKEN_ERRORS, ApiErrors, CurrentPrincipal } from '@sitepass/http';

/** PAY-7: the gateway's decision on each Payments request: 200 allow, 401 or 403 with the reason. */
@ApiTags('authorization')
@ApiBearerAuth()
@Controller('v1/pay/authorizations')
export class AuthorizationsController {
  private readonly rules;

  constructor(
    private readonly authorizer: OperationAuthorizer,
    @Inject(CONFIG) config: SitepassConfig,
  ) {
    this.rules = { operations: PAY_OPERATION_RULES, idleTimeoutSeconds: config.payIdleTimeoutSeconds };
  }

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AuthorizationDecisionDto, description: 'Allow; a step-up token presented is spent (PAY-7)' })
  @ApiErrors('validation_failed', ...ACCESS_TOKEN_ERRORS, 'mfa_reauth_required', 'step_up_required', 'role_not_permitted')
  authorize(@CurrentPrincipal() principal: Principal, @Body() body: AuthorizationDto): Promise<{ decision: 'allow' }> {
    return this.authorizer.authorize(principal, body.operation, body.stepUpToken, this.rules);
  }
}
