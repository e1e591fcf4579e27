/**
 * I18N-1: the languages Sitepass speaks. English is the source of every catalog and the last resort of every
 * choice. Codes are BCP 47 tags as Intl knows them, so each one formats dates, numbers and plurals directly.
 */
export const SUPPORTED_LOCALES = ['en', 'fr', 'fr-CA', 'de', 'es', 'es-419', 'pt-BR', 'pl', 'ja', 'zh-Hans'] as const;

export type Locale = (typeof SUPPORTED_LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** The language's own name for itself ("français canadien", "日本語"), for a language menu. */
export function localeName(locale: Locale): string {
  return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
}
