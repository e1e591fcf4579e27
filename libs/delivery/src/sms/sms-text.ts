import { Locale, translate } from '@sitepass/i18n';

/**
 * SMS-7: the code, its lifetime, that staff never ask for it, and a last line in the WebOTP format
 * (`@<host> #<code>`) so browsers on the phone can fill the code in. The text is the recipient's language
 * (I18N-2); the WebOTP line is the same in every language, and each text fits one segment with it (I18N-4).
 */
export function codeMessage(code: string, host: string, locale: Locale): string {
  return `${translate(locale, 'sms.code', { code })}\n\n@${host} #${code}`;
}

/** SMS-8: proves the phone receives texts; carries no code. */
export function testMessage(locale: Locale): string {
  return translate(locale, 'sms.test_message');
}
