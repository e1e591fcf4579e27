import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CONFIG, SitepassConfig } from '@sitepass/config';
import { createMailTransport, MailTransport } from './mail/mail-transport';
import { OutboxEntry } from './outbox/outbox.entity';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxWriter } from './outbox/outbox.writer';
import { EMAIL_QUEUE, SMS_QUEUE } from './queues';
import { LogSmsProvider } from './sms/log.provider';
import { SmsProvider } from './sms/sms-provider';
import { TwilioProvider } from './sms/twilio.provider';

/** The outbox for everyone; queues, relay and providers for the worker only. */
@Module({})
export class MessagingModule {
  /** What the HTTP apps need: recording accepted messages in their own transactions. */
  static forProducers(): DynamicModule {
    return {
      module: MessagingModule,
      imports: [TypeOrmModule.forFeature([OutboxEntry])],
      providers: [OutboxWriter],
      exports: [OutboxWriter, TypeOrmModule],
    };
  }

  /** The worker: the relay that feeds BullMQ and the providers that deliver. */
  static forWorker(): DynamicModule {
    return {
      module: MessagingModule,
      imports: [TypeOrmModule.forFeature([OutboxEntry]), BullModule.registerQueue({ name: SMS_QUEUE }, { name: EMAIL_QUEUE })],
      providers: [
        OutboxWriter,
        OutboxRelay,
        {
          provide: SmsProvider,
          inject: [CONFIG],
          useFactory: (config: SitepassConfig) => (config.sms.provider === 'twilio' ? new TwilioProvider(config.sms.twilio) : new LogSmsProvider()),
        },
        { provide: MailTransport, inject: [CONFIG], useFactory: (config: SitepassConfig) => createMailTransport(config.mail) },
      ],
      exports: [OutboxWriter, OutboxRelay, SmsProvider, MailTransport, BullModule, TypeOrmModule],
    };
  }
}
