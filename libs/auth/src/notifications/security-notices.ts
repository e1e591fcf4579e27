import { Injectable } from '@nestjs/common';
import { EmailTemplate, OutboxWriter } from '@sitepass/messaging';
import { EntityManager } from 'typeorm';
import { OutboxParams } from '@sitepass/database';

/**
 * NOTE-2, NOTE-3: security notices by email, queued in the same transaction as the change they report,
 * so that a committed change always gets its email and a rolled-back one never does.
 */
@Injectable()
export class Notifications {
  constructor(private readonly outbox: OutboxWriter) {}

  async email(
    manager: EntityManager,
    userId: string,
    template: EmailTemplate,
    params: OutboxParams = {},
    availableAt?: Date,
  ): Promise<void> {
    await this.outbox.add(manager, { kind: 'email', purpose: template, userId, params, availableAt });
  }
}
