import { Formatters, IntlMessageFormat } from 'intl-messageformat';
import { CATALOGS, MessageKey } from './catalogs';
import { DEFAULT_LOCALE, Locale } from './locales';

export type MessageArg = string | number | boolean | Date | null | undefined;
export type MessageArgs = Readonly<Record<string, MessageArg>>;

/**
 * A text to be worded in its reader's language when it is shown: a catalog key and the ICU arguments of
 * its message. Domain code builds phrases; the edge, the worker and the pages word them.
 */
export class Phrase<K extends MessageKey = MessageKey> {
  constructor(
    readonly key: K,
    readonly args: MessageArgs = {},
  ) {}
}

export function phrase<K extends MessageKey>(key: K, args: MessageArgs = {}): Phrase<K> {
  return new Phrase(key, args);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(CATALOGS[DEFAULT_LOCALE], value);
}

export interface FormatOptions {
  /** IANA zone of every date and time in the message (a company's deadline in its zone); UTC otherwise. */
  timeZone?: string;
}

/**
 * The message of `key` in `locale`, formatted with ICU MessageFormat (intl-messageformat): plurals, selects,
 * dates and times in the reader's conventions. A message that cannot be formatted (an argument missing) is
 * given in English rather than failing the answer or the delivery it is part of; the catalog test (I18N-3)
 * formats every message of every locale, so that is a last resort.
 */
export function translate(locale: Locale, key: MessageKey, args: MessageArgs = {}, options: FormatOptions = {}): string {
  try {
    return String(compiled(locale, key, options.timeZone ?? 'UTC').format(args as Record<string, MessageArg>));
  } catch (error) {
    if (locale === DEFAULT_LOCALE) throw error;
    return translate(DEFAULT_LOCALE, key, args, options);
  }
}

/** A phrase in a locale. */
export function word(locale: Locale, text: Phrase, options: FormatOptions = {}): string {
  return translate(locale, text.key, text.args, options);
}

/** Compiled messages by locale and zone, compiled on first use: a process uses a few of them. */
const cache = new Map<string, Map<MessageKey, IntlMessageFormat>>();

function compiled(locale: Locale, key: MessageKey, timeZone: string): IntlMessageFormat {
  const cacheKey = `${locale} ${timeZone}`;
  let messages = cache.get(cacheKey);
  if (!messages) cache.set(cacheKey, (messages = new Map()));
  let message = messages.get(key);
  if (!message) {
    // Plain text: `<` is a character, not the start of a rich-text tag.
    message = new IntlMessageFormat(CATALOGS[locale][key], locale, undefined, { formatters: formattersIn(timeZone), ignoreTag: true });
    messages.set(key, message);
  }
  return message;
}

/** Intl formatters whose dates and times are in `timeZone`, memoized as intl-messageformat's own are. */
function formattersIn(timeZone: string): Formatters {
  const memo = new Map<string, unknown>();
  const reuse = <T>(kind: string, locales: unknown, options: unknown, make: () => T): T => {
    const key = JSON.stringify([kind, locales, options]);
    if (!memo.has(key)) memo.set(key, make());
    return memo.get(key) as T;
  };
  return {
    getNumberFormat: (locales, options) =>
      reuse('number', locales, options, () => new Intl.NumberFormat(locales, options as Intl.NumberFormatOptions)),
    getDateTimeFormat: (locales, options) =>
      reuse('date', locales, options, () => new Intl.DateTimeFormat(locales, { ...options, timeZone })),
    getPluralRules: (locales, options) => reuse('plural', locales, options, () => new Intl.PluralRules(locales, options)),
  };
}
