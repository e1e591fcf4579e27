import { Injectable } from '@nestjs/common';
import { OutboxWriter, POLICY_NOTICES } from '@sitepass/messaging';
import { EntityManager } from 'typeorm';
import { CompanyPolicy, CompanyRepository, MembershipRepository, OutboxRepository } from '@sitepass/database';

const DAY_MS = 24 * 3600 * 1000;
const REMINDER_DAYS = [7, 1];

/**
 * NOTE-1: when a company's deadline is set or moved, every active non-SSO member is told, and reminders
 * are written for 7 days and 1 day before it (due then, as outbox rows). A new deadline, or turning the
 * policy off, cancels the pending ones in the same transaction, so reminders follow the latest date. The
 * worker checks again before sending (PolicyNoticeRelevance in @sitepass/delivery).
 */
@Injectable()
export class PolicyNotices {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly pending: OutboxRepository,
    private readonly companies: CompanyRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async policySaved(manager: EntityManager, before: CompanyPolicy | null, after: CompanyPolicy, now: Date): Promise<void> {
    const deadlineMoved =
      before?.required !== after.required || before?.enforcementStartsAt.getTime() !== after.enforcementStartsAt.getTime();
    if (!deadlineMoved) return;
    await this.pending.cancelPendingEmailsOfCompany(manager, after.companyId, [...POLICY_NOTICES], 'the deadline changed');
    if (!after.required) return;
    const company = await this.companies.findById(after.companyId);
    const params = {
      companyId: after.companyId,
      companyName: company?.name ?? 'Your company',
      enforcementDate: after.enforcementDate,
      timeZone: after.timeZone,
      enforcementStartsAt: `${after.enforcementDate} 00:00`,
      deadline: after.enforcementStartsAt.toISOString(),
    };
    const recipients = await this.memberships.noticeRecipients(manager, after.companyId);
    const reminders = REMINDER_DAYS.map((daysLeft) => ({
      daysLeft,
      at: new Date(after.enforcementStartsAt.getTime() - daysLeft * DAY_MS),
    })).filter((reminder) => reminder.at > now);
    await this.outbox.addMany(
      manager,
      recipients.flatMap((userId) => [
        { kind: 'email' as const, purpose: 'policy_announcement', userId, params },
        ...reminders.map(({ daysLeft, at }) => ({
          kind: 'email' as const,
          purpose: 'policy_reminder',
          userId,
          params: { ...params, daysLeft },
          availableAt: at,
        })),
      ]),
    );
  }
}
