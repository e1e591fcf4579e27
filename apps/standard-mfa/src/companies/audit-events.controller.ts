import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CompanyAuditService, Principal } from '@sitepass/auth';
import { ACCESS_TOKEN_ERRORS, ApiErrors, CurrentPrincipal, UuidPipe } from '@sitepass/http';
import { AuditEventPageDto, PageQueryDto } from './company-admin.dto';
import { CompanyAuditEvent, Page } from '@sitepass/database';

/** AUD-2: the company's audit trail, newest first. */
@ApiTags('company admin')
@ApiBearerAuth()
@Controller('v1/companies/:companyId/audit-events')
export class AuditEventsController {
  constructor(private readonly audit: CompanyAuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiErrors('validation_failed', ...ACCESS_TOKEN_ERRORS, 'not_found')
  listEvents(
    @CurrentPrincipal() principal: Principal,
    @Param('companyId', UuidPipe) companyId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<CompanyAuditEvent>> {
    return this.audit.listEvents(principal.userId, companyId, query);
  }
}
