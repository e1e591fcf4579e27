export * from './messaging.module';
export * from './outbox/outbox.writer';
export * from './queues';
export * from './contracts';
