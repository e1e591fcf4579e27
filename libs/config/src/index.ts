export * from './config.error';
export * from './config.module';
export * from './config.types';
export * from './load-config';
export * from './load-config-or-exit';
