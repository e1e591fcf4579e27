import { Locale, SUPPORTED_LOCALES } from '@sitepass/i18n';
import { codeMessage, testMessage } from './sms-text';

/** GSM 03.38's default alphabet, one septet each, and its extension table, two septets each (escape + char). */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');

/** What one SMS segment holds: 160 GSM-7 septets, or 70 UCS-2 code units as soon as one character is not GSM-7. */
function segmentUse(text: string): { encoding: 'GSM-7' | 'UCS-2'; length: number; limit: number } {
  const characters = [...text];
  if (characters.every((character) => GSM7_BASIC.has(character) || GSM7_EXTENSION.has(character))) {
    return {
      encoding: 'GSM-7',
      length: characters.reduce((sum, character) => sum + (GSM7_EXTENSION.has(character) ? 2 : 1), 0),
      limit: 160,
    };
  }
  return { encoding: 'UCS-2', length: text.length, limit: 70 };
}

/** Languages written in CJK scripts, whose texts are UCS-2; every other one must be written in GSM-7. */
const UCS2_LOCALES: readonly Locale[] = ['ja', 'zh-Hans'];

/**
 * The longest PUBLIC_HOST we assume (I18N-4): 20 characters, as `mfa.sitepass.example` or `auth.example.com`.
 * Hosts are ASCII, so they cost the same in both encodings; the Japanese and Chinese texts leave exactly that
 * much room in 70 characters. The test configuration's host is shorter.
 */
const LONGEST_HOST = 'mfa.sitepass.example';
const HOSTS = [LONGEST_HOST, 'sitepass.test', 'localhost'];
/** Codes are six digits: every code costs the same; two of them show it does not matter which. */
const CODES = ['123456', '000000'];

describe('SMS texts fit one segment (I18N-4)', () => {
  it('I18N-4 assumes a PUBLIC_HOST of 20 characters at most', () => {
    expect(LONGEST_HOST).toHaveLength(20);
  });

  it.each(SUPPORTED_LOCALES)('I18N-4 SMS-7 the code text in %s, WebOTP line included, fits one segment', (locale) => {
    for (const host of HOSTS) {
      for (const code of CODES) {
        const text = codeMessage(code, host, locale);
        const use = segmentUse(text);
        expect({ locale, host, text, ...use, fits: use.length <= use.limit }).toMatchObject({ fits: true });
        expect(use.encoding).toBe(UCS2_LOCALES.includes(locale) ? 'UCS-2' : 'GSM-7');
        expect(text.split('\n').at(-1)).toBe(`@${host} #${code}`);
        expect(text).toContain(code);
      }
    }
  });

  it.each(SUPPORTED_LOCALES)('I18N-4 SMS-8 the test message in %s fits one segment', (locale) => {
    const use = segmentUse(testMessage(locale));
    expect({ locale, ...use, fits: use.length <= use.limit }).toMatchObject({ fits: true });
    expect(use.encoding).toBe(UCS2_LOCALES.includes(locale) ? 'UCS-2' : 'GSM-7');
  });

  it('I18N-4 measures what it should: one character outside the GSM alphabet makes the whole text Unicode, and € costs two septets', () => {
    expect(segmentUse('Código 123456')).toMatchObject({ encoding: 'UCS-2', length: 13, limit: 70 });
    expect(segmentUse('Preis: 5 €')).toMatchObject({ encoding: 'GSM-7', length: 11, limit: 160 });
    expect(segmentUse('x'.repeat(161))).toMatchObject({ length: 161, limit: 160 });
  });
});
