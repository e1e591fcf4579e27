import { chooseLocale, matchLocale, negotiateLocale } from './negotiation';
import { localeName, SUPPORTED_LOCALES } from './locales';

describe('choosing a language', () => {
  it('I18N-1 serves every supported locale as itself', () => {
    for (const locale of SUPPORTED_LOCALES) expect(matchLocale(locale)).toBe(locale);
  });

  it('I18N-1 maps regional and script tags to the locale that serves them, and nothing else to anything', () => {
    const cases: Array<[string, string | undefined]> = [
      ['zh', 'zh-Hans'],
      ['zh-CN', 'zh-Hans'],
      ['zh-SG', 'zh-Hans'],
      ['zh-Hans-SG', 'zh-Hans'],
      ['zh-TW', 'zh-Hans'],
      ['fr-CA', 'fr-CA'],
      ['fr-ca', 'fr-CA'],
      ['fr-BE', 'fr'],
      ['fr-CH', 'fr'],
      ['fr', 'fr'],
      ['es-MX', 'es-419'],
      ['es-AR', 'es-419'],
      ['es-US', 'es-419'],
      ['es-419', 'es-419'],
      ['es-ES', 'es'],
      ['es', 'es'],
      ['pt', 'pt-BR'],
      ['pt-PT', 'pt-BR'],
      ['de-AT', 'de'],
      ['en-GB', 'en'],
      ['ja-JP', 'ja'],
      ['pl-PL', 'pl'],
      ['it', undefined],
      ['nl-NL', undefined],
      ['x-klingon', undefined],
      ['', undefined],
      ['not a tag', undefined],
    ];
    expect(cases.map(([tag]) => [tag, matchLocale(tag)])).toEqual(cases);
  });

  it('I18N-2 follows Accept-Language quality values, the header order breaking ties', () => {
    expect(negotiateLocale('de')).toBe('de');
    expect(negotiateLocale('it-IT, fr-CA;q=0.9, en;q=0.8')).toBe('fr-CA');
    expect(negotiateLocale('en;q=0.5, ja;q=0.9')).toBe('ja');
    expect(negotiateLocale('pl;q=0.7, de;q=0.7')).toBe('pl');
    expect(negotiateLocale('es-MX,es;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('es-419');
    expect(negotiateLocale('zh-SG')).toBe('zh-Hans');
  });

  it('I18N-2 skips q=0, wildcards, malformed weights and unknown languages, and answers nothing when nothing is left', () => {
    expect(negotiateLocale('fr;q=0, de;q=0.1')).toBe('de');
    expect(negotiateLocale('*, pt-BR;q=0.5')).toBe('pt-BR');
    expect(negotiateLocale('ja;q=2, es;q=abc, pl;q=0.3')).toBe('pl');
    expect(negotiateLocale('it, nl;q=0.9')).toBeUndefined();
    expect(negotiateLocale('*')).toBeUndefined();
    expect(negotiateLocale('')).toBeUndefined();
    expect(negotiateLocale(undefined)).toBeUndefined();
    expect(negotiateLocale(`${'it,'.repeat(40)}fr`)).toBeUndefined();
  });

  it('I18N-2 prefers the saved locale, then Accept-Language, then English', () => {
    expect(chooseLocale('ja', 'de')).toBe('ja');
    expect(chooseLocale(null, 'de;q=0.5')).toBe('de');
    expect(chooseLocale(undefined, 'it')).toBe('en');
    expect(chooseLocale(null, undefined)).toBe('en');
  });

  it('I18N-1 names each language in itself, for a language menu', () => {
    expect(localeName('fr-CA')).toMatch(/^français/);
    expect(localeName('ja')).toBe('日本語');
    expect(localeName('zh-Hans')).toBe('简体中文');
  });
});
