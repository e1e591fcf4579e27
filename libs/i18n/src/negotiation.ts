import { DEFAULT_LOCALE, Locale } from './locales';

/**
 * Regions whose Spanish is Latin American: CLDR's children of es-419 (es-US among them), and UN M.49's
 * Latin America and its parts (419, South America 005, Central America 013, the Caribbean 029).
 */
const LATIN_AMERICA = new Set([
  ...['419', '005', '013', '029', 'AR', 'BO', 'BR', 'BZ', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'GT', 'HN', 'MX'],
  ...['NI', 'PA', 'PE', 'PR', 'PY', 'SV', 'US', 'UY', 'VE'],
]);

/**
 * For each language Sitepass speaks, which of its locales serves a tag's region. A language with one locale
 * serves every region: pt-PT readers get Brazilian Portuguese, zh-TW readers Simplified Chinese, as RFC 4647
 * lookup would, truncating to the language, rather than English.
 */
const BY_LANGUAGE: Readonly<Record<string, (region: string | undefined) => Locale>> = {
  en: () => 'en',
  fr: (region) => (region === 'CA' ? 'fr-CA' : 'fr'),
  de: () => 'de',
  es: (region) => (region && LATIN_AMERICA.has(region) ? 'es-419' : 'es'),
  pt: () => 'pt-BR',
  pl: () => 'pl',
  ja: () => 'ja',
  zh: () => 'zh-Hans',
};

/** The supported locale that serves a BCP 47 tag (`fr-BE` → `fr`, `zh-SG` → `zh-Hans`); none for `it` or a malformed tag. */
export function matchLocale(tag: string): Locale | undefined {
  let parsed: Intl.Locale;
  try {
    parsed = new Intl.Locale(tag.trim());
  } catch {
    return undefined;
  }
  return BY_LANGUAGE[parsed.language]?.(parsed.region);
}

/** More ranges than any browser sends: the rest of a longer header is not read. */
const MAX_RANGES = 32;

/**
 * The best supported locale for an Accept-Language header (RFC 9110 §12.5.4): ranges by quality, the
 * header's order breaking ties; `q=0` means "not this one"; `*` adds nothing English does not give.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale | undefined {
  if (!acceptLanguage) return undefined;
  const ranges = acceptLanguage
    .split(',')
    .slice(0, MAX_RANGES)
    .map((range, index) => {
      const [tag = '', ...parameters] = range.split(';').map((part) => part.trim());
      return { tag, quality: qualityOf(parameters), index };
    })
    .filter(({ tag, quality }) => tag !== '' && tag !== '*' && quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranges) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return undefined;
}

/** `q=0.8` → 0.8; no weight is 1; a malformed one drops the range. */
function qualityOf(parameters: string[]): number {
  const weight = parameters.find((parameter) => /^q\s*=/i.test(parameter));
  if (!weight) return 1;
  const value = weight.slice(weight.indexOf('=') + 1).trim();
  return /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : 0;
}

/** I18N-2: the user's saved locale, else what the request accepts, else English. */
export function chooseLocale(saved: Locale | null | undefined, acceptLanguage: string | undefined): Locale {
  return saved ?? negotiateLocale(acceptLanguage) ?? DEFAULT_LOCALE;
}
