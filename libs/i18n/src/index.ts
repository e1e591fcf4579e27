export * from './locales';
export * from './negotiation';
export * from './messages';
export * from './field-rule';
export type { Catalog, MessageKey } from './catalogs';
