import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, Metrics, SecretKeyring } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { OutboxEntry, SmsMessage, SmsProvider, SmsProviderError } from '@sitepass/messaging';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Challenge } from '../challenges/challenge.entity';
import { Factor } from '../factors/factor.entity';
import { smsCodeAad } from '../factors/sms.authenticator';
import { OutboxClaims } from './outbox-claim';
import { codeMessage, testMessage } from './sms-text';

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed';

/** Thrown to have BullMQ try again later, with exponential backoff (SMS-3). */
export class RetryLater extends Error {}

/**
 * The worker's side of an SMS (SMS-3, SMS-4, SMS-6): claim the outbox row, re-check that its code is
 * still the challenge's newest and unexpired, send, and record the outcome. A provider 4xx fails the
 * delivery at once; a 5xx or a timeout is retried until the last attempt, then the delivery is marked
 * failed, audited and counted, and the user can resend.
 */
@Injectable()
export class SmsDeliveryService {
  private readonly logger = new Logger(SmsDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: SitepassConfig,
    private readonly claims: OutboxClaims,
    private readonly provider: SmsProvider,
    private readonly keyring: SecretKeyring,
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
  ) {}

  async deliver(outboxId: string): Promise<DeliveryOutcome> {
    const row = await this.claims.claim(this.db.manager, outboxId);
    if (!row) return 'skipped';
    const message = await this.compose(row);
    if (!message) {
      await this.claims.cancel(this.db.manager, row.id, 'superseded or expired before sending');
      return 'skipped';
    }
    try {
      const receipt = await this.provider.send(message);
      await this.db.transaction(async (manager) => {
        await this.claims.markSent(manager, row.id, receipt);
        // SMS-2: once delivered, the code exists only as its hash.
        if (row.challengeId) {
          await manager.query(`UPDATE challenges SET code_ciphertext = NULL WHERE id = $1 AND delivery_id = $2`, [row.challengeId, row.id]);
        }
      });
      this.metrics.smsDeliveries.inc({ provider: this.provider.name, outcome: 'sent', status: receipt.status });
      this.metrics.smsDeliveryLatency.observe((this.clock.now().getTime() - row.createdAt.getTime()) / 1000);
      return 'sent';
    } catch (error) {
      return this.onFailure(row, error);
    }
  }

  private async onFailure(row: OutboxEntry, error: unknown): Promise<DeliveryOutcome> {
    const providerError = error instanceof SmsProviderError ? error : new SmsProviderError((error as Error).message, false);
    const status = providerError.httpStatus ? String(providerError.httpStatus) : 'no_response';
    if (!providerError.permanent && row.attempts < this.config.sms.maxAttempts) {
      await this.claims.release(this.db.manager, row.id, providerError.message);
      this.metrics.smsDeliveries.inc({ provider: this.provider.name, outcome: 'retry', status });
      throw new RetryLater(providerError.message);
    }
    await this.db.transaction(async (manager) => {
      await this.claims.markFailed(manager, row.id, providerError.message);
      await this.audit.record(
        { type: 'sms.delivery_failed', subjectUserId: row.userId, data: { outboxId: row.id, purpose: row.purpose, attempts: row.attempts, providerStatus: status } },
        manager,
      );
    });
    this.metrics.smsDeliveries.inc({ provider: this.provider.name, outcome: 'failed', status });
    this.logger.warn({ msg: 'SMS delivery failed', outboxId: row.id, attempts: row.attempts, providerStatus: status });
    return 'failed';
  }

  /** The message to send, or null when the row no longer has anything to deliver. */
  private async compose(row: OutboxEntry): Promise<SmsMessage | null> {
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
}
