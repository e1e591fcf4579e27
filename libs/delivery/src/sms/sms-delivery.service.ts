import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, Metrics, SecretKeyring } from '@sitepass/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import {
  AuditEventRepository,
  ChallengeRepository,
  FactorRepository,
  OutboxEntry,
  OutboxRepository,
  UserRepository,
} from '@sitepass/database';
import { DEFAULT_LOCALE } from '@sitepass/i18n';
import { smsCodeAad } from '@sitepass/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryShutdown } from '../delivery-shutdown';
import { OutboxDelivery, SendFailure } from '../outbox-delivery';
import { SmsMessage, SmsProvider, SmsProviderError, SmsReceipt } from './sms-provider';
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
    outbox: OutboxRepository,
    clock: Clock,
    @Inject(CONFIG) private readonly config: SitepassConfig,
    private readonly provider: SmsProvider,
    private readonly keyring: SecretKeyring,
    private readonly challenges: ChallengeRepository,
    private readonly factors: FactorRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditEventRepository,
    private readonly metrics: Metrics,
    shutdown: DeliveryShutdown,
  ) {
    super(db, outbox, clock, config.sms.maxAttempts, shutdown);
  }

  /** In the recipient's saved locale, else English (I18N-2): the worker reads it, so a job carries ids only (SEC-1). */
  protected async compose(row: OutboxEntry): Promise<SmsMessage | null> {
    if (row.purpose === 'test_message') {
      const factor = await this.factors.findActivePhone(row.factorId!);
      if (!factor?.phoneNumber) return null;
      return { to: factor.phoneNumber, body: testMessage((await this.users.findLocale(factor.userId)) ?? DEFAULT_LOCALE) };
    }
    const current = await this.challenges.findDeliverableCode(row.challengeId!, row.id, this.clock.now());
    if (!current) return null;
    const code = this.keyring.open({ keyId: current.codeKeyId, ciphertext: current.codeCiphertext }, smsCodeAad(row.challengeId!));
    return { to: current.phoneNumber, body: codeMessage(code, this.config.publicHost, current.locale ?? DEFAULT_LOCALE) };
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
    await this.outbox.markSmsSentAndEraseCode(row.id, receipt, now);
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
