import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, Metrics } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { OutboxEntry, OutboxRepository, UserRepository } from '@sitepass/database';
import { DEFAULT_LOCALE } from '@sitepass/i18n';
import { EmailTemplate } from '@sitepass/messaging';
import { DataSource } from 'typeorm';
import { DeliveryShutdown } from '../delivery-shutdown';
import { OutboxDelivery, SendFailure } from '../outbox-delivery';
import { renderEmail } from './email-templates';
import { Mail, MailTransport } from './mail-transport';
import { PolicyNoticeRelevance } from './policy-notice-relevance';
import { ENROLLMENT_EMAIL_CODE, EnrollmentEmailCodes } from './enrollment-email-codes';

/**
 * The worker's side of an email (NOTE-2, NOTE-3, ABUSE-16): the address, and an enrollment's code, are read at
 * send time, a message that no longer applies (a reminder for a moved deadline, a spent code) is dropped, and
 * SMTP 5xx answers fail at once while anything else is retried like an SMS.
 */
@Injectable()
export class EmailDeliveryService extends OutboxDelivery<Mail, { messageId: string; status: string }> {
  constructor(
    @InjectDataSource() db: DataSource,
    outbox: OutboxRepository,
    clock: Clock,
    @Inject(CONFIG) config: SitepassConfig,
    private readonly transport: MailTransport,
    private readonly users: UserRepository,
    private readonly policyNotices: PolicyNoticeRelevance,
    private readonly enrollmentCodes: EnrollmentEmailCodes,
    private readonly metrics: Metrics,
    shutdown: DeliveryShutdown,
  ) {
    super(db, outbox, clock, config.sms.maxAttempts, shutdown);
  }

  protected async compose(row: OutboxEntry): Promise<Mail | null> {
    const user = row.userId ? await this.users.findById(row.userId) : null;
    if (!user || user.status !== 'active') return null;
    if (!(await this.policyNotices.stillApplies(row))) return null;
    const params = row.purpose === ENROLLMENT_EMAIL_CODE ? await this.enrollmentCodes.paramsOf(row) : row.params;
    if (!params) return null;
    return { to: user.email, ...renderEmail(row.purpose as EmailTemplate, params, user.locale ?? DEFAULT_LOCALE) };
  }

  protected override async recordSent(row: OutboxEntry, receipt: { messageId: string; status: string }): Promise<void> {
    await super.recordSent(row, receipt);
    if (row.purpose === ENROLLMENT_EMAIL_CODE) await this.enrollmentCodes.erase(row);
  }

  protected async send(mail: Mail): Promise<{ messageId: string; status: string }> {
    const { messageId } = await this.transport.send(mail);
    return { messageId, status: 'accepted' };
  }

  protected describeFailure(error: unknown): SendFailure {
    const responseCode = (error as { responseCode?: number }).responseCode;
    const permanent = typeof responseCode === 'number' && responseCode >= 500;
    return { permanent, status: responseCode ? String(responseCode) : 'no_response', message: (error as Error).message };
  }

  protected count(row: OutboxEntry, outcome: 'sent' | 'retry' | 'failed'): void {
    this.metrics.emailDeliveries.inc({ template: row.purpose, outcome });
  }
}
