import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * docs/requirements.md is how a reader of the repository alone follows the test names: every ID a test
 * names must be described there, once. Pure file reading: no app, no database.
 */
const root = join(__dirname, '..', '..');
const requirements = readFileSync(join(root, 'docs', 'requirements.md'), 'utf8');

/** A requirement ID: a family and a number (TOTP-4, I18N-2). */
const ID = /\b[A-Z][A-Z0-9]*-[0-9]+\b/g;
/** Notations that look like IDs in test titles but name no requirement (UTF-16, SHA-256, P-256, UTC-8). */
const NOT_AN_ID = /^(AES|ISO|P|RFC|SHA|UTC|UTF)-[0-9]+$/;
/** The title of an `it(…)`, in any quotes, escapes included. */
const IT_TITLE = /\bit(?:\.\w+)?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Each ID named in an `it` title under test/, apps/ and libs/, with the first file that names it. */
function idsNamedByTests(): Map<string, string> {
  const named = new Map<string, string>();
  for (const file of ['test', 'apps', 'libs'].flatMap((directory) => typeScriptFiles(join(root, directory)))) {
    for (const title of readFileSync(file, 'utf8').matchAll(IT_TITLE)) {
      for (const [id] of title[2]!.matchAll(ID)) {
        if (!NOT_AN_ID.test(id) && !named.has(id)) named.set(id, relative(root, file));
      }
    }
  }
  return named;
}

/** The IDs docs/requirements.md describes: one `- **ID** …` line each. */
function listedIds(): string[] {
  return [...requirements.matchAll(/^- \*\*([A-Z][A-Z0-9]*-[0-9]+)\*\* /gm)].map((match) => match[1]!);
}

describe('docs/requirements.md', () => {
  it('every requirement ID a test names is described in docs/requirements.md', () => {
    const named = idsNamedByTests();
    // The tests name most requirements; far fewer would mean the titles are no longer read.
    expect(named.size).toBeGreaterThan(80);
    const listed = new Set(listedIds());
    const undescribed = [...named].filter(([id]) => !listed.has(id)).map(([id, file]) => `${id} (named in ${file})`);
    expect(undescribed).toEqual([]);
  });

  it('docs/requirements.md describes each requirement ID once', () => {
    const ids = listedIds();
    expect(ids.length).toBeGreaterThan(100);
    const twice = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(twice).toEqual([]);
  });
});
