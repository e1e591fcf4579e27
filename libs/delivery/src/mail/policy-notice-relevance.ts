import { Injectable } from '@nestjs/common';
import { CompanyPolicyRepository, OutboxEntry } from '@sitepass/database';
import { EmailTemplate, POLICY_NOTICES } from '@sitepass/messaging';

/**
 * NOTE-1, the last check before a policy email goes out: the deadline is still the one announced, the
 * user is still an active member, and a reminder goes only to someone who has not enrolled yet. A moved
 * or cancelled deadline sends no stale reminder.
 */
@Injectable()
export class PolicyNoticeRelevance {
  constructor(private readonly policies: CompanyPolicyRepository) {}

  async stillApplies(row: OutboxEntry): Promise<boolean> {
    if (!POLICY_NOTICES.includes(row.purpose as EmailTemplate)) return true;
    const current = await this.policies.reminderFacts(String(row.params.companyId), row.userId!);
    if (!current?.required || current.enforcementStartsAt.toISOString() !== row.params.deadline) return false;
    return row.purpose === 'policy_announcement' || !current.enrolled;
  }
}
