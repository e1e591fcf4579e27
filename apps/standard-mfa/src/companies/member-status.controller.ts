import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MemberStatusPage, MemberStatusService, Principal } from '@sitepass/auth';
import { ACCESS_TOKEN_ERRORS, ApiErrors, CurrentPrincipal, UuidPipe } from '@sitepass/http';
import { MemberStatusPageDto, MemberStatusQueryDto } from './company-admin.dto';

/** POL-7: who the policy impacts and who is ready. */
@ApiTags('company admin')
@ApiBearerAuth()
@Controller('v1/companies/:companyId/members/mfa-status')
export class MemberStatusController {
  constructor(private readonly members: MemberStatusService) {}

  @Get()
  @ApiOkResponse({ type: MemberStatusPageDto })
  @ApiErrors('validation_failed', ...ACCESS_TOKEN_ERRORS, 'not_found')
  listMemberStatus(
    @CurrentPrincipal() principal: Principal,
    @Param('companyId', UuidPipe) companyId: string,
    @Query() query: MemberStatusQueryDto,
  ): Promise<MemberStatusPage> {
    return this.members.listMemberStatus(principal.userId, companyId, query);
  }
}
