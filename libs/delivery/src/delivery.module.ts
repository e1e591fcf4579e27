import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { EMAIL_QUEUE, SMS_QUEUE } from '@sitepass/messaging';
import { CodeJanitor } from './code-janitor';
import { DeliveryShutdown } from './delivery-shutdown';
import { EmailDeliveryService } from './mail/email-delivery.service';
import { createMailTransport, MailTransport } from './mail/mail-transport';
import { PolicyNoticeRelevance } from './mail/policy-notice-relevance';
import { EnrollmentEmailCodes } from './mail/enrollment-email-codes';
import { OutboxRelay } from './outbox.relay';
import { LogSmsProvider } from './sms/log.provider';
import { SmsDeliveryService } from './sms/sms-delivery.service';
import { SmsProvider } from './sms/sms-provider';
import { TwilioProvider } from './sms/twilio.provider';

/**
 * The worker's side of messaging: the relay that feeds BullMQ, the SMS and email delivery with their
 * providers, and the janitor of expired codes. No HTTP, guards, product policy or MFA core: it reads and
 * writes through the repositories of @sitepass/database.
 */
@Module({
  imports: [BullModule.registerQueue({ name: SMS_QUEUE }, { name: EMAIL_QUEUE })],
  providers: [
    OutboxRelay,
    SmsDeliveryService,
    EmailDeliveryService,
    PolicyNoticeRelevance,
    EnrollmentEmailCodes,
    CodeJanitor,
    DeliveryShutdown,
    {
      provide: SmsProvider,
      inject: [CONFIG, DeliveryShutdown],
      useFactory: (config: SitepassConfig, shutdown: DeliveryShutdown) =>
        config.sms.provider === 'twilio' ? new TwilioProvider(config.sms.twilio, shutdown.signal) : new LogSmsProvider(),
    },
    { provide: MailTransport, inject: [CONFIG], useFactory: (config: SitepassConfig) => createMailTransport(config.mail) },
  ],
  exports: [OutboxRelay, SmsDeliveryService, EmailDeliveryService, CodeJanitor, DeliveryShutdown],
})
export class DeliveryModule {}
