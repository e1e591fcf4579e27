import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditEventView, CompanyAuditService, CurrentPrincipal, Page, Principal } from '@sitepass/auth';
import { UuidPipe } from '@sitepass/http';
import { PageQueryDto } from './company-admin.dto';

/** AUD-2: the company's audit trail, newest first. */
@ApiTags('company admin')
@ApiBearerAuth()
@Controller('v1/companies/:companyId/audit-events')
export class AuditEventsController {
  constructor(private readonly audit: CompanyAuditService) {}

  @Get()
  listEvents(
    @CurrentPrincipal() principal: Principal,
    @Param('companyId', UuidPipe) companyId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<AuditEventView>> {
    return this.audit.listEvents(principal.userId, companyId, query);
  }
}
