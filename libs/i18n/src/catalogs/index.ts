import { Locale } from '../locales';
import { de } from './de';
import { Catalog, en } from './en';
import { es } from './es';
import { es419 } from './es-419';
import { fr } from './fr';
import { frCA } from './fr-CA';
import { ja } from './ja';
import { pl } from './pl';
import { ptBR } from './pt-BR';
import { zhHans } from './zh-Hans';

export type { Catalog, MessageKey } from './en';

/** One catalog per supported locale; a regional one (fr-CA, es-419) starts from its language's. */
export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en,
  fr,
  'fr-CA': frCA,
  de,
  es,
  'es-419': es419,
  'pt-BR': ptBR,
  pl,
  ja,
  'zh-Hans': zhHans,
};
