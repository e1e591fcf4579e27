import { Injectable } from '@nestjs/common';
import { BoundMember, MembershipRepository, Page, PageRequest } from '@sitepass/database';
import { CompanyAdminCheck } from '../directory/company-admin-check';

export interface MemberStatusQuery extends PageRequest {
  /** false: only the members not enrolled yet; true: only the enrolled; absent: everyone. */
  enrolled?: boolean;
}

export interface MemberMfaStatus extends BoundMember {
  enrolled: boolean;
}

export interface MemberStatusTotals {
  members: number;
  enrolled: number;
  notEnrolled: number;
}

export type MemberStatusPage = Page<MemberMfaStatus> & { totals: MemberStatusTotals };

/** POL-7: for a company admin, the members' MFA status and the totals of who is impacted and who is ready. */
@Injectable()
export class MemberStatusService {
  constructor(
    private readonly admins: CompanyAdminCheck,
    private readonly memberships: MembershipRepository,
  ) {}

  async listMemberStatus(actorUserId: string, companyId: string, query: MemberStatusQuery): Promise<MemberStatusPage> {
    await this.admins.assertAdmin(actorUserId, companyId);
    const [counts, members] = await Promise.all([
      this.memberships.boundMemberTotals(companyId),
      this.memberships.boundMemberPage(companyId, query.enrolled, query),
    ]);
    const totals = { ...counts, notEnrolled: counts.members - counts.enrolled };
    const total = query.enrolled === undefined ? totals.members : query.enrolled ? totals.enrolled : totals.notEnrolled;
    const items = members.map((member) => ({ ...member, enrolled: member.factorTypes.length > 0 }));
    return { items, page: query.page, pageSize: query.pageSize, total, totals };
  }
}
