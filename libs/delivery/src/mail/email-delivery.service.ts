import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Metrics } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { EmailTemplate, renderEmail } from '@sitepass/auth';
import { EMAIL_RELEVANCE, EmailRelevance } from '@sitepass/messaging';
import { DataSource } from 'typeorm';
import { OutboxClaims } from '../outbox-claim';
import { OutboxDelivery, SendFailure } from '../outbox-delivery';
import { Mail, MailTransport } from './mail-transport';
import { OutboxEntry, User } from '@sitepass/database';

/**
 * The worker's side of an email (NOTE-2, NOTE-3): the address is read at send time, a message that no
 * longer applies (a reminder for a moved deadline) is dropped, and SMTP 5xx answers fail at once
 * while anything else is retried like an SMS.
 */
@Injectable()
export class EmailDeliveryService extends OutboxDelivery<Mail, { messageId: string; status: string }> {
  constructor(
    @InjectDataSource() db: DataSource,
    claims: OutboxClaims,
    @Inject(CONFIG) config: SitepassConfig,
    private readonly transport: MailTransport,
    private readonly metrics: Metrics,
    @Inject(EMAIL_RELEVANCE) private readonly relevance: EmailRelevance[],
  ) {
    super(db, claims, config.sms.maxAttempts);
  }

  protected async compose(row: OutboxEntry): Promise<Mail | null> {
    const user = row.userId ? await this.db.manager.findOneBy(User, { id: row.userId }) : null;
    if (!user || user.status !== 'active') return null;
    for (const check of this.relevance) {
      if (!(await check.stillApplies(row, this.db.manager))) return null;
    }
    return { to: user.email, ...renderEmail(row.purpose as EmailTemplate, row.params) };
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
