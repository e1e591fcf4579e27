import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEventRepository, PolicyNotices } from '@sitepass/auth';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { EMAIL_QUEUE, EMAIL_RELEVANCE, EmailRelevance, MessagingModule, SMS_QUEUE } from '@sitepass/messaging';
import { CodeJanitor } from './code-janitor';
import { EmailDeliveryService } from './mail/email-delivery.service';
import { createMailTransport, MailTransport } from './mail/mail-transport';
import { OutboxClaims } from './outbox-claim';
import { OutboxRelay } from './outbox.relay';
import { LogSmsProvider } from './sms/log.provider';
import { SmsDeliveryService } from './sms/sms-delivery.service';
import { SmsProvider } from './sms/sms-provider';
import { TwilioProvider } from './sms/twilio.provider';
import { AuditEvent, Challenge, Factor, OutboxEntry, User } from '@sitepass/database';

/**
 * The worker's side of messaging: the relay that feeds BullMQ, the SMS and email delivery with their
 * providers, and the janitor of expired codes. No HTTP, guards or product policy.
 */
@Module({
  imports: [
    MessagingModule,
    TypeOrmModule.forFeature([OutboxEntry, Challenge, Factor, AuditEvent, User]),
    BullModule.registerQueue({ name: SMS_QUEUE }, { name: EMAIL_QUEUE }),
  ],
  providers: [
    OutboxRelay,
    OutboxClaims,
    SmsDeliveryService,
    EmailDeliveryService,
    AuditEventRepository,
    CodeJanitor,
    PolicyNotices,
    {
      provide: SmsProvider,
      inject: [CONFIG],
      useFactory: (config: SitepassConfig) =>
        config.sms.provider === 'twilio' ? new TwilioProvider(config.sms.twilio) : new LogSmsProvider(),
    },
    { provide: MailTransport, inject: [CONFIG], useFactory: (config: SitepassConfig) => createMailTransport(config.mail) },
    { provide: EMAIL_RELEVANCE, inject: [PolicyNotices], useFactory: (...checks: EmailRelevance[]) => checks },
  ],
  exports: [OutboxRelay, SmsDeliveryService, EmailDeliveryService, CodeJanitor],
})
export class DeliveryModule {}
