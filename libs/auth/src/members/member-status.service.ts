import { Injectable } from '@nestjs/common';
import { CompanyAdminCheck } from '../directory/company-admin-check';
import { Page, PageRequest } from '@sitepass/database';
import { MemberMfaStatus, MemberStatusRepository, MemberStatusTotals } from './member-status.repository';

export interface MemberStatusQuery extends PageRequest {
  /** false: only the members not enrolled yet; true: only the enrolled; absent: everyone. */
  enrolled?: boolean;
}

export type MemberStatusPage = Page<MemberMfaStatus> & { totals: MemberStatusTotals };

/** POL-7: for a company admin, the members' MFA status and the totals of who is impacted and who is ready. */
@Injectable()
export class MemberStatusService {
  constructor(
    private readonly admins: CompanyAdminCheck,
    private readonly members: MemberStatusRepository,
  ) {}

  async listMemberStatus(actorUserId: string, companyId: string, query: MemberStatusQuery): Promise<MemberStatusPage> {
    await this.admins.assertAdmin(actorUserId, companyId);
    const [totals, items] = await Promise.all([this.members.totals(companyId), this.members.page(companyId, query.enrolled, query)]);
    const total = query.enrolled === undefined ? totals.members : query.enrolled ? totals.enrolled : totals.notEnrolled;
    return { items, page: query.page, pageSize: query.pageSize, total, totals };
  }
}
