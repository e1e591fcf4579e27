import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MemberStatusPage, MemberStatusService, Principal } from '@sitepass/auth';
import { CurrentPrincipal, UuidPipe } from '@sitepass/http';
import { MemberStatusQueryDto } from './company-admin.dto';

/** POL-7: who the policy impacts and who is ready. */
@ApiTags('company admin')
@ApiBearerAuth()
@Controller('v1/companies/:companyId/members/mfa-status')
export class MemberStatusController {
  constructor(private readonly members: MemberStatusService) {}

  @Get()
  listMemberStatus(
    @CurrentPrincipal() principal: Principal,
    @Param('companyId', UuidPipe) companyId: string,
    @Query() query: MemberStatusQueryDto,
  ): Promise<MemberStatusPage> {
    return this.members.listMemberStatus(principal.userId, companyId, query);
  }
}
