export * from './email-relevance';
export * from './messaging.module';
export * from './outbox/outbox.writer';
export * from './queues';
