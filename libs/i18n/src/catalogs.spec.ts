import { IntlMessageFormat } from 'intl-messageformat';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGS, MessageKey } from './catalogs';
import { SUPPORTED_LOCALES } from './locales';
import { MessageArgs, translate } from './messages';

type Element = ReturnType<IntlMessageFormat['getAst']>[number];
type ArgumentKind = 'text' | 'number' | 'date' | 'select';

/** The element types of @formatjs/icu-messageformat-parser's AST (its TYPE enum). */
const ELEMENT = { argument: 1, number: 2, date: 3, time: 4, select: 5, plural: 6, tag: 8 } as const;

interface Arguments {
  kinds: Map<string, ArgumentKind>;
  /** The options of each select argument: a translation keeps every branch the source has. */
  options: Map<string, Set<string>>;
}

function argumentsOf(message: string, locale: string): Arguments {
  const found: Arguments = { kinds: new Map(), options: new Map() };
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (!('value' in element) || element.type === 0) continue;
      const name = element.value as string;
      if (element.type === ELEMENT.argument) found.kinds.set(name, found.kinds.get(name) ?? 'text');
      if (element.type === ELEMENT.number || element.type === ELEMENT.plural) found.kinds.set(name, 'number');
      if (element.type === ELEMENT.date || element.type === ELEMENT.time) found.kinds.set(name, 'date');
      if (element.type === ELEMENT.select) {
        found.kinds.set(name, 'select');
        found.options.set(name, new Set(Object.keys(element.options)));
      }
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst());
  return found;
}

/**
 * Where a translation shows a fact in its own way that English words differently. English keeps the ISO date
 * the admin chose in the deadline's subjects; other languages format `deadline` (the instant) in theirs.
 */
const ARGUMENTS_BEYOND_ENGLISH: Partial<Record<MessageKey, string[]>> = {
  'email.policy_announcement.subject': ['deadline'],
  'email.policy_reminder.subject': ['deadline'],
};

const source = CATALOGS.en;
const keys = Object.keys(source) as MessageKey[];

/** Sample arguments for the source's arguments: every select option and both sides of a plural's `one`. */
function sampleArguments(key: MessageKey): MessageArgs[] {
  const { kinds, options } = argumentsOf(source[key], 'en');
  for (const extra of ARGUMENTS_BEYOND_ENGLISH[key] ?? []) kinds.set(extra, 'date');
  const base: Record<string, unknown> = {};
  for (const [name, kind] of kinds) base[name] = { text: 'Acme', number: 7, date: new Date('2026-03-20T05:00:00Z'), select: 'other' }[kind];
  const variants: MessageArgs[] = [base as MessageArgs];
  for (const [name, kind] of kinds) {
    if (kind === 'number') variants.push({ ...(base as MessageArgs), [name]: 1 }, { ...(base as MessageArgs), [name]: 2 });
    for (const option of options.get(name) ?? []) variants.push({ ...(base as MessageArgs), [name]: option });
  }
  return variants;
}

describe('the catalogs (I18N-3)', () => {
  it('I18N-1 I18N-3 every locale has every key of the source catalog and no other', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const own = Object.keys(CATALOGS[locale]);
      expect({ locale, missing: keys.filter((key) => !own.includes(key)) }).toEqual({ locale, missing: [] });
      expect({ locale, unknown: own.filter((key) => !(key in source)) }).toEqual({ locale, unknown: [] });
      expect({ locale, empty: own.filter((key) => CATALOGS[locale][key as MessageKey].trim() === '') }).toEqual({ locale, empty: [] });
    }
  });

  it('I18N-3 every message parses as ICU MessageFormat and uses only the arguments the source gives, with every select branch', () => {
    const problems: string[] = [];
    for (const key of keys) {
      const expected = argumentsOf(source[key], 'en');
      const allowed = new Set([...expected.kinds.keys(), ...(ARGUMENTS_BEYOND_ENGLISH[key] ?? [])]);
      for (const locale of SUPPORTED_LOCALES) {
        let own: Arguments;
        try {
          own = argumentsOf(CATALOGS[locale][key], locale);
        } catch (error) {
          problems.push(`${locale} ${key}: ${(error as Error).message}`);
          continue;
        }
        for (const name of own.kinds.keys()) if (!allowed.has(name)) problems.push(`${locale} ${key}: unknown argument {${name}}`);
        for (const [name, branches] of expected.options) {
          const missing = [...branches].filter((branch) => !own.options.get(name)?.has(branch));
          if (missing.length > 0) problems.push(`${locale} ${key}: {${name}} lacks ${missing.join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('I18N-3 every message formats in every locale with sample arguments, leaving no ICU syntax behind', () => {
    const problems: string[] = [];
    for (const key of keys) {
      for (const args of sampleArguments(key)) {
        for (const locale of SUPPORTED_LOCALES) {
          let text: string;
          try {
            // English as a fallback would hide the failure: format the locale's own message.
            text = String(new IntlMessageFormat(CATALOGS[locale][key], locale, undefined, { ignoreTag: true }).format(args as never));
          } catch (error) {
            problems.push(`${locale} ${key} ${JSON.stringify(args)}: ${(error as Error).message}`);
            continue;
          }
          if (/[{}]/.test(text) || text.trim() === '') problems.push(`${locale} ${key}: ${JSON.stringify(text)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  // A key the catalog lacks is a compile error: every call takes a MessageKey, the keys of the source catalog.
  it('I18N-3 every key of the catalog is used by some code', () => {
    const root = join(__dirname, '..', '..', '..');
    const literals = new Set<string>();
    for (const file of sourceFiles(join(root, 'apps')).concat(sourceFiles(join(root, 'libs')))) {
      if (file.includes(join('libs', 'i18n', 'src', 'catalogs'))) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(/(['"`])((?:error|validation|sms|email|page)\.[a-z0-9_.]+)\1/g)) {
        literals.add(match[2]!);
      }
    }
    expect(keys.filter((key) => !literals.has(key))).toEqual([]);
  });

  it('I18N-3 formats a deadline in the reader’s conventions and the company’s zone', () => {
    const args = {
      companyName: 'Acme',
      enforcementDate: '2026-03-20',
      deadline: new Date('2026-03-20T05:00:00Z'),
      timeZone: 'America/Chicago',
    };
    const options = { timeZone: 'America/Chicago' };
    expect(translate('en', 'email.policy_announcement.body', args, options)).toContain('From 2026-03-20 00:00 (America/Chicago)');
    expect(translate('fr', 'email.policy_announcement.body', args, options)).toContain(
      'À partir du 20 mars 2026 à 00:00 (America/Chicago)',
    );
    expect(translate('de', 'email.policy_reminder.subject', args, options)).toContain('vor dem 20. März 2026');
    expect(translate('ja', 'email.policy_reminder.subject', args, options)).toContain('2026年3月20日');
    expect(translate('pl', 'email.policy_reminder.body', { ...args, daysLeft: 7 }, options)).toMatch(/^Za 7 dni/);
    expect(translate('pl', 'email.policy_reminder.body', { ...args, daysLeft: 2 }, options)).toMatch(/^Za 2 dni/);
    expect(translate('fr', 'email.policy_reminder.body', { ...args, daysLeft: 1 }, options)).toMatch(/^Dans 1 jour,/);
  });

  it('I18N-3 falls back to English when a message cannot be formatted rather than failing', () => {
    // German words the deadline's instant, which a caller that gives English's ISO date alone does not pass.
    expect(translate('de', 'email.policy_reminder.subject', { enforcementDate: '2026-03-20' })).toBe(
      'Reminder: set up two-step sign-in before 2026-03-20',
    );
  });
});

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}
