import { Locale, MessageArgs, MessageKey, translate } from '@sitepass/i18n';

/** A page's words: a catalog key and its ICU arguments, in the page's language (I18N-1). */
export type Texts = (key: MessageKey, args?: MessageArgs) => string;

export function textsIn(locale: Locale): Texts {
  return (key, args = {}) => translate(locale, key, args);
}
