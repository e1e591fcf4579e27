import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MemberReset, MfaResetService, Principal } from '@sitepass/auth';
import { CurrentPrincipal, MfaResetDto, UuidPipe } from '@sitepass/http';

/** RESET-1 to RESET-4: a company admin resets a member who lost their factor. */
@ApiTags('company admin')
@ApiBearerAuth()
@Controller('v1/companies/:companyId/mfa-resets')
export class MfaResetsController {
  constructor(private readonly resets: MfaResetService) {}

  @Post()
  resetMemberMfa(
    @CurrentPrincipal() principal: Principal,
    @Param('companyId', UuidPipe) companyId: string,
    @Body() body: MfaResetDto,
  ): Promise<MemberReset> {
    return this.resets.resetMemberMfa(principal, companyId, body);
  }
}
