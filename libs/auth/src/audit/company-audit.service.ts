import { Injectable } from '@nestjs/common';
import { AuditEventRepository, CompanyAuditEvent, Page, PageRequest } from '@sitepass/database';
import { CompanyAdminCheck } from '../directory/company-admin-check';

/** AUD-2: a company admin pages through the company's audit events, newest first. */
@Injectable()
export class CompanyAuditService {
  constructor(
    private readonly admins: CompanyAdminCheck,
    private readonly events: AuditEventRepository,
  ) {}

  async listEvents(actorUserId: string, companyId: string, request: PageRequest): Promise<Page<CompanyAuditEvent>> {
    await this.admins.assertAdmin(actorUserId, companyId);
    const [total, items] = await Promise.all([this.events.countForCompany(companyId), this.events.pageForCompany(companyId, request)]);
    return { items, page: request.page, pageSize: request.pageSize, total };
  }
}
