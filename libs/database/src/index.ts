export * from './database.module';
export * from './migrations';
export * from './run-migrations';
export * from './snake-naming.strategy';
export * from './ensure-database';
export * from './returning';
export * from './json-rows';
export * from './prepared';
