import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { MemberReset, MfaResetService, Principal } from '@sitepass/auth';
import { ACCESS_TOKEN_ERRORS, ApiErrors, CurrentPrincipal, MemberResetDto, MfaResetDto, UuidPipe } from '@sitepass/http';

/** RESET-1 to RESET-4: a company admin resets a member who lost their factor. */
@ApiTags('company admin')
@ApiBearerAuth()
@Controller('v1/companies/:companyId/mfa-resets')
export class MfaResetsController {
  constructor(private readonly resets: MfaResetService) {}

  @Post()
  @ApiCreatedResponse({
    type: MemberResetDto,
    description: 'The member’s MFA is back to nothing and every session of theirs is gone (RESET-2)',
  })
  @ApiErrors(
    'validation_failed',
    ...ACCESS_TOKEN_ERRORS,
    'reauthentication_required',
    'cannot_reset_self',
    'support_user',
    'sso_user',
    'pay_support_required',
    'not_found',
    'reset_not_available',
  )
  resetMemberMfa(
    @CurrentPrincipal() principal: Principal,
    @Param('companyId', UuidPipe) companyId: string,
    @Body() body: MfaResetDto,
  ): Promise<MemberReset> {
    return this.resets.resetMemberMfa(principal, companyId, body);
  }
}
