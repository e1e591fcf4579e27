import { OutboxEntry } from '@sitepass/database';
import { EntityManager } from 'typeorm';

export const EMAIL_RELEVANCE = Symbol('EmailRelevance');

/**
 * A last check before an email goes out: whether what it says is still true. Reminders use it so that
 * a moved or cancelled deadline sends no stale reminder (NOTE-1).
 */
export interface EmailRelevance {
  stillApplies(row: OutboxEntry, manager: EntityManager): Promise<boolean>;
}
