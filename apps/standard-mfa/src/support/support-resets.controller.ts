import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { MemberReset, Principal, SupportResetService } from '@sitepass/auth';
import { ACCESS_TOKEN_ERRORS, ApiErrors, CurrentPrincipal, MemberResetDto, MfaResetDto } from '@sitepass/http';
import { IsString, Length } from 'class-validator';

export class SupportResetDto extends MfaResetDto {
  @ApiProperty({ description: 'How the identity was checked (for example: "video call, ID card shown"); audited' })
  @IsString()
  @Length(1, 1000)
  identityCheckNote!: string;
}

/** RESET-5: platform support resets any user's MFA, whatever their companies' policies say. */
@ApiTags('support')
@ApiBearerAuth()
@Controller('v1/support/mfa-resets')
export class SupportResetsController {
  constructor(private readonly resets: SupportResetService) {}

  @Post()
  @ApiCreatedResponse({
    type: MemberResetDto,
    description: 'The user’s MFA is back to nothing, every session of theirs is gone, and they enroll again at the next sign-in',
  })
  @ApiErrors('validation_failed', ...ACCESS_TOKEN_ERRORS, 'role_required', 'reauthentication_required', 'cannot_reset_self', 'not_found')
  resetUserMfa(@CurrentPrincipal() principal: Principal, @Body() body: SupportResetDto): Promise<MemberReset> {
    return this.resets.resetUserMfa(principal, body);
  }
}
