export * from './graceful-shutdown';
export * from './health.controller';
export * from './health.module';
