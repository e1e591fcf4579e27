import { FormatOptions, Locale, MessageArgs, MessageKey, translate } from '@sitepass/i18n';

/**
 * A page's words: a catalog key and its ICU arguments, in the page's language (I18N-1); dates in `options.timeZone`
 * (a company's deadline in its zone, I18N-3), else UTC.
 */
export type Texts = (key: MessageKey, args?: MessageArgs, options?: FormatOptions) => string;

export function textsIn(locale: Locale): Texts {
  return (key, args = {}, options = {}) => translate(locale, key, args, options);
}
