import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { MemberReset, MfaResetService, Principal } from '@sitepass/auth';
import { ACCESS_TOKEN_ERRORS, ApiErrors, CurrentPrincipal, MemberResetDto, MfaResetDto, UuidPipe } from '@sitepass/http';
import { IsOptional, IsString, Length } from 'class-validator';

export class PayResetDto extends MfaResetDto {
  @ApiPropertyOptional({ description: 'Support only, required for payor-role users: how the identity was checked' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  identityCheckNote?: string;
}

/** PAY-10: payee admins reset users of their payee company; support resets payor-role users. */
@ApiTags('pay resets')
@ApiBearerAuth()
@Controller('v1/pay/companies/:companyId/mfa-resets')
export class PayResetsController {
  constructor(private readonly resets: MfaResetService) {}

  @Post()
  @ApiCreatedResponse({
    type: MemberResetDto,
    description: 'The user’s MFA is back to nothing and every session of theirs is gone (RESET-2)',
  })
  @ApiErrors(
    'validation_failed',
    ...ACCESS_TOKEN_ERRORS,
    'reauthentication_required',
    'cannot_reset_self',
    'support_user',
    'pay_support_required',
    'not_found',
  )
  resetPayUser(
    @CurrentPrincipal() principal: Principal,
    @Param('companyId', UuidPipe) companyId: string,
    @Body() body: PayResetDto,
  ): Promise<MemberReset> {
    return this.resets.resetMemberMfa(principal, companyId, body);
  }
}
