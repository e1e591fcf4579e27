import { Injectable } from '@nestjs/common';
import { CompanyAdminCheck } from '../directory/company-admin-check';
import { Page, PageRequest } from '../pagination/page';
import { AuditEventView, CompanyAuditRepository } from './company-audit.repository';

/** AUD-2: a company admin pages through the company's audit events, newest first. */
@Injectable()
export class CompanyAuditService {
  constructor(
    private readonly admins: CompanyAdminCheck,
    private readonly events: CompanyAuditRepository,
  ) {}

  async listEvents(actorUserId: string, companyId: string, request: PageRequest): Promise<Page<AuditEventView>> {
    await this.admins.assertAdmin(actorUserId, companyId);
    const [total, items] = await Promise.all([this.events.count(companyId), this.events.page(companyId, request)]);
    return { items, page: request.page, pageSize: request.pageSize, total };
  }
}
