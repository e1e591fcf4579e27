import { Module } from '@nestjs/common';
import { OutboxWriter } from './outbox/outbox.writer';

/**
 * What producers need: recording accepted messages in their own transactions. The HTTP apps import
 * only this; BullMQ, the relay and the providers live in @sitepass/delivery, loaded by the worker alone.
 */
@Module({
  providers: [OutboxWriter],
  exports: [OutboxWriter],
})
export class MessagingModule {}
