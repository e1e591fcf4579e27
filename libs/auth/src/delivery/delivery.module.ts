import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule } from '@sitepass/messaging';
import { AuditService } from '../audit/audit.service';
import { AuditEvent } from '../audit/audit-event.entity';
import { Challenge } from '../challenges/challenge.entity';
import { Factor } from '../factors/factor.entity';
import { CodeJanitor } from './code-janitor';
import { OutboxClaims } from './outbox-claim';
import { SmsDeliveryService } from './sms-delivery.service';
import { EmailDeliveryService } from './email-delivery.service';
import { EMAIL_RELEVANCE, EmailRelevance } from './email-relevance';
import { PolicyNotices } from '../policy/policy-notices';
import { User } from '../directory/user.entity';

/** What the worker needs of the MFA domain to deliver messages: no HTTP, no guards, no product policy. */
@Module({
  imports: [MessagingModule.forWorker(), TypeOrmModule.forFeature([Challenge, Factor, AuditEvent, User])],
  providers: [
    OutboxClaims,
    SmsDeliveryService,
    EmailDeliveryService,
    AuditService,
    CodeJanitor,
    PolicyNotices,
    { provide: EMAIL_RELEVANCE, inject: [PolicyNotices], useFactory: (...checks: EmailRelevance[]) => checks },
  ],
  exports: [OutboxClaims, SmsDeliveryService, EmailDeliveryService, AuditService, CodeJanitor, MessagingModule],
})
export class DeliveryModule {}
