import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SmsMessage, SmsProvider, SmsReceipt } from './sms-provider';

/**
 * Development only (refused in production by the configuration): prints the message, code included,
 * so the demo can be used without a phone. This is the one place a code is ever printed.
 */
export class LogSmsProvider extends SmsProvider {
  readonly name = 'log';
  private readonly logger = new Logger('SmsLog');

  async send(message: SmsMessage): Promise<SmsReceipt> {
    const messageId = `LOG${randomUUID().replace(/-/g, '')}`;
    this.logger.log({ msg: `SMS to ${message.to}: ${message.body.replace(/\n+/g, ' | ')}`, to: message.to, messageId });
    return { messageId, status: 'delivered' };
  }
}
