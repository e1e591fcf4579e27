import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FactorService, Principal } from '@sitepass/auth';
import { ACCESS_TOKEN_ERRORS, ApiErrors, CurrentPasswordDto, CurrentPrincipal, UuidPipe } from '@sitepass/http';
import { MfaOverviewDto, RecoveryCodeDto, TestMessageDto } from './factors.dto';

/** A signed-in user's own MFA: the overview, factor removal and a new recovery code (POL-8, REC-2). */
@ApiTags('factors')
@ApiBearerAuth()
@Controller('v1')
export class FactorsController {
  constructor(private readonly factors: FactorService) {}

  @Get('me/mfa')
  @ApiOkResponse({ type: MfaOverviewDto })
  @ApiErrors(...ACCESS_TOKEN_ERRORS)
  overview(@CurrentPrincipal() principal: Principal) {
    return this.factors.overview(principal);
  }

  @Delete('factors/:factorId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed, with the devices it trusted' })
  @ApiErrors(
    'validation_failed',
    ...ACCESS_TOKEN_ERRORS,
    'reauthentication_required',
    'current_password_incorrect',
    'not_found',
    'last_factor_required',
    'too_many_attempts',
  )
  revokeFactor(
    @CurrentPrincipal() principal: Principal,
    @Param('factorId', UuidPipe) factorId: string,
    @Body() body: CurrentPasswordDto,
  ): Promise<void> {
    return this.factors.revokeFactor(principal, factorId, body.currentPassword);
  }

  @Post('factors/:factorId/test-message')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: TestMessageDto, description: 'A text without a code is on its way (SMS-8)' })
  @ApiErrors('validation_failed', ...ACCESS_TOKEN_ERRORS, 'not_found', 'resend_too_soon', 'sms_quota_exceeded')
  sendTestMessage(@CurrentPrincipal() principal: Principal, @Param('factorId', UuidPipe) factorId: string) {
    return this.factors.sendTestMessage(principal, factorId);
  }

  @Post('recovery-codes')
  @ApiCreatedResponse({ type: RecoveryCodeDto })
  @ApiErrors(
    'validation_failed',
    ...ACCESS_TOKEN_ERRORS,
    'reauthentication_required',
    'enrollment_not_available',
    'current_password_incorrect',
    'too_many_attempts',
  )
  async regenerateRecoveryCode(@CurrentPrincipal() principal: Principal, @Body() body: CurrentPasswordDto): Promise<RecoveryCodeDto> {
    return { recoveryCode: await this.factors.regenerateRecoveryCode(principal, body.currentPassword) };
  }
}
