import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, Metrics, SecretKeyring } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { OutboxEntry, SmsMessage, SmsProvider, SmsProviderError, SmsReceipt } from '@sitepass/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Challenge } from '../challenges/challenge.entity';
import { Factor } from '../factors/factor.entity';
import { smsCodeAad } from '../factors/sms.authenticator';
import { OutboxClaims } from './outbox-claim';
import { OutboxDelivery, SendFailure } from './outbox-delivery';
import { codeMessage, testMessage } from './sms-text';

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
    private readonly audit: AuditService,
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
    const challenge = await this.db.manager.findOneBy(Challenge, { id: row.challengeId! });
    const current =
      challenge?.status === 'pending' && challenge.deliveryId === row.id && challenge.expiresAt > this.clock.now() && challenge.codeCiphertext && challenge.codeKeyId;
    if (!challenge || !current) return null;
    const factor = await this.db.manager.findOneBy(Factor, { id: challenge.factorId });
    if (!factor?.phoneNumber || factor.status === 'revoked') return null;
    const code = this.keyring.open({ keyId: challenge.codeKeyId!, ciphertext: challenge.codeCiphertext! }, smsCodeAad(challenge.id));
    return { to: factor.phoneNumber, body: codeMessage(code, this.config.publicHost) };
  }

  protected send(message: SmsMessage): Promise<SmsReceipt> {
    return this.provider.send(message);
  }

  protected describeFailure(error: unknown): SendFailure {
    const providerError = error instanceof SmsProviderError ? error : new SmsProviderError((error as Error).message, false);
    return { permanent: providerError.permanent, status: providerError.httpStatus ? String(providerError.httpStatus) : 'no_response', message: providerError.message };
  }

  /** SMS-2: once delivered, the code exists only as its hash. */
  protected override async afterSent(manager: EntityManager, row: OutboxEntry): Promise<void> {
    if (row.challengeId) {
      await manager.query(`UPDATE challenges SET code_ciphertext = NULL WHERE id = $1 AND delivery_id = $2`, [row.challengeId, row.id]);
    }
    this.metrics.smsDeliveryLatency.observe((this.clock.now().getTime() - row.createdAt.getTime()) / 1000);
  }

  protected override async afterFailed(manager: EntityManager, row: OutboxEntry, failure: SendFailure): Promise<void> {
    await this.audit.record(
      { type: 'sms.delivery_failed', subjectUserId: row.userId, data: { outboxId: row.id, purpose: row.purpose, attempts: row.attempts, providerStatus: failure.status } },
      manager,
    );
  }

  protected count(_row: OutboxEntry, outcome: 'sent' | 'retry' | 'failed', status: string): void {
    this.metrics.smsDeliveries.inc({ provider: this.provider.name, outcome, status });
  }
}
