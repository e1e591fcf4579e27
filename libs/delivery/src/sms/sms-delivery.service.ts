import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, Metrics, SecretKeyring } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { AuditEventRepository, smsCodeAad } from '@sitepass/auth';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxClaims } from '../outbox-claim';
import { OutboxDelivery, SendFailure } from '../outbox-delivery';
import { SmsMessage, SmsProvider, SmsProviderError, SmsReceipt } from './sms-provider';
import { codeMessage, testMessage } from './sms-text';
import { Factor, OutboxEntry } from '@sitepass/database';

/**
 * The worker's side of an SMS (SMS-3, SMS-4, SMS-6): the code must still be the challenge's newest and
 * unexpired when it is sent. A provider 4xx fails the delivery at once; a 5xx or a timeout is retried
 * until the last attempt; a failed delivery is audited and counted, and the user can resend.
 */
@Injectable()
export class SmsDeliveryService extends OutboxDelivery<SmsMessage, SmsReceipt> {
  constructor(
    @InjectDataSource() db: DataSource,
    claims: OutboxClaims,
    @Inject(CONFIG) private readonly config: SitepassConfig,
    private readonly provider: SmsProvider,
    private readonly keyring: SecretKeyring,
    private readonly audit: AuditEventRepository,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
  ) {
    super(db, claims, config.sms.maxAttempts);
  }

  protected async compose(row: OutboxEntry): Promise<SmsMessage | null> {
    if (row.purpose === 'test_message') {
      const factor = await this.db.manager.findOneBy(Factor, { id: row.factorId!, status: 'active', type: 'sms' });
      return factor?.phoneNumber ? { to: factor.phoneNumber, body: testMessage() } : null;
    }
    // One read for the code and its number: this runs for every SMS (PERF-3).
    const [current]: Array<{ code_ciphertext: string; code_key_id: string; phone_number: string }> = await this.db.query(
      `SELECT c.code_ciphertext, c.code_key_id, f.phone_number
       FROM challenges c JOIN factors f ON f.id = c.factor_id
       WHERE c.id = $1 AND c.status = 'pending' AND c.delivery_id = $2 AND c.expires_at > $3
         AND c.code_ciphertext IS NOT NULL AND f.status <> 'revoked' AND f.phone_number IS NOT NULL`,
      [row.challengeId, row.id, this.clock.now()],
    );
    if (!current) return null;
    const code = this.keyring.open({ keyId: current.code_key_id, ciphertext: current.code_ciphertext }, smsCodeAad(row.challengeId!));
    return { to: current.phone_number, body: codeMessage(code, this.config.publicHost) };
  }

  protected send(message: SmsMessage): Promise<SmsReceipt> {
    return this.provider.send(message);
  }

  protected describeFailure(error: unknown): SendFailure {
    const providerError = error instanceof SmsProviderError ? error : new SmsProviderError((error as Error).message, false);
    return {
      permanent: providerError.permanent,
      status: providerError.httpStatus ? String(providerError.httpStatus) : 'no_response',
      message: providerError.message,
    };
  }

  /** SMS-2: once delivered, the code exists only as its hash; one statement records both (PERF-3). */
  protected override async recordSent(row: OutboxEntry, receipt: SmsReceipt): Promise<void> {
    const now = this.clock.now();
    await this.db.query(
      `WITH sent AS (
         UPDATE outbox SET status = 'sent', sent_at = $2, provider_message_id = $3, provider_status = $4, lease_expires_at = NULL, last_error = NULL
         WHERE id = $1 RETURNING challenge_id)
       UPDATE challenges SET code_ciphertext = NULL WHERE id = (SELECT challenge_id FROM sent) AND delivery_id = $1`,
      [row.id, now, receipt.messageId, receipt.status],
    );
    this.metrics.smsDeliveryLatency.observe((now.getTime() - row.createdAt.getTime()) / 1000);
  }

  protected override async afterFailed(manager: EntityManager, row: OutboxEntry, failure: SendFailure): Promise<void> {
    await this.audit.record(
      {
        type: 'sms.delivery_failed',
        subjectUserId: row.userId,
        data: { outboxId: row.id, purpose: row.purpose, attempts: row.attempts, providerStatus: failure.status },
      },
      manager,
    );
  }

  protected count(_row: OutboxEntry, outcome: 'sent' | 'retry' | 'failed', status: string): void {
    this.metrics.smsDeliveries.inc({ provider: this.provider.name, outcome, status });
  }
}
