/** Queue names; QUEUE_PREFIX (a {hash tag}) is applied by BullMQ, so every queue key shares one slot. */
export const SMS_QUEUE = 'sms';
export const EMAIL_QUEUE = 'email';

/** The only thing producer and consumer share besides the queue name: ids, never codes or addresses. */
export interface DeliveryJob {
  outboxId: string;
}
