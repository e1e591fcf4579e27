import { Injectable } from '@nestjs/common';
import { EmailRelevance, OutboxWriter } from '@sitepass/messaging';
import { EntityManager } from 'typeorm';
import { CompanyPolicy, OutboxEntry } from '@sitepass/database';

const DAY_MS = 24 * 3600 * 1000;
const REMINDER_DAYS = [7, 1];
const NOTICES = ['policy_announcement', 'policy_reminder'];

/**
 * NOTE-1: when a company's deadline is set or moved, every active non-SSO member is told, and reminders
 * are written for 7 days and 1 day before it (due then, as outbox rows). A new deadline, or turning the
 * policy off, cancels the pending ones in the same transaction, so reminders follow the latest date.
 */
@Injectable()
export class PolicyNotices implements EmailRelevance {
  constructor(private readonly outbox: OutboxWriter) {}

  async policySaved(manager: EntityManager, before: CompanyPolicy | null, after: CompanyPolicy, now: Date): Promise<void> {
    const deadlineMoved =
      before?.required !== after.required || before?.enforcementStartsAt.getTime() !== after.enforcementStartsAt.getTime();
    if (!deadlineMoved) return;
    await manager.query(
      `UPDATE outbox SET status = 'cancelled', last_error = 'the deadline changed'
       WHERE kind = 'email' AND status = 'pending' AND purpose = ANY($2) AND params->>'companyId' = $1`,
      [after.companyId, NOTICES],
    );
    if (!after.required) return;
    const [company] = await manager.query(`SELECT name FROM companies WHERE id = $1`, [after.companyId]);
    const params = {
      companyId: after.companyId,
      companyName: company?.name ?? 'Your company',
      enforcementDate: after.enforcementDate,
      timeZone: after.timeZone,
      enforcementStartsAt: `${after.enforcementDate} 00:00`,
      deadline: after.enforcementStartsAt.toISOString(),
    };
    const recipients = await this.recipients(manager, after.companyId);
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

  /**
   * The last check before sending: the deadline is still the one announced, the user is still an active
   * member, and a reminder goes only to someone who has not enrolled yet.
   */
  async stillApplies(row: OutboxEntry, manager: EntityManager): Promise<boolean> {
    if (!NOTICES.includes(row.purpose)) return true;
    const [current] = await manager.query(
      `SELECT p.required, p.enforcement_starts_at,
         EXISTS (SELECT 1 FROM factors f WHERE f.user_id = m.user_id AND f.status = 'active') AS enrolled
       FROM company_policies p JOIN memberships m ON m.company_id = p.company_id AND m.user_id = $2 AND m.status = 'active'
       WHERE p.company_id = $1`,
      [row.params.companyId, row.userId],
    );
    if (!current?.required || current.enforcement_starts_at.toISOString() !== row.params.deadline) return false;
    return row.purpose === 'policy_announcement' || !current.enrolled;
  }

  /** Active members whose MFA lives here: not SSO users of any of their companies (DIR-5). */
  private async recipients(manager: EntityManager, companyId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT u.id FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.company_id = $1 AND m.status = 'active' AND u.status = 'active'
         AND NOT EXISTS (
           SELECT 1 FROM memberships om JOIN companies oc ON oc.id = om.company_id
           WHERE om.user_id = u.id AND om.status = 'active' AND split_part(u.email, '@', 2) = ANY(oc.sso_domains))`,
      [companyId],
    );
    return rows.map((row) => row.id);
  }
}
