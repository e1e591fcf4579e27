import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEntry } from '@sitepass/database';
import { OutboxWriter } from './outbox/outbox.writer';

/**
 * What producers need: recording accepted messages in their own transactions. The HTTP apps import
 * only this; BullMQ, the relay and the providers live in @sitepass/delivery, loaded by the worker alone.
 */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEntry])],
  providers: [OutboxWriter],
  exports: [OutboxWriter, TypeOrmModule],
})
export class MessagingModule {}
