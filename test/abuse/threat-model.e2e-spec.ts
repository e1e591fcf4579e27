import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const threatModel = readFileSync(join(root, 'docs', 'security.md'), 'utf8');

/** Each `path` (IDS) pair the threat model names as the proof of a control. */
function proofs(): Array<{ file: string; ids: string[] }> {
  return [...threatModel.matchAll(/`(test\/[^`]+\.e2e-spec\.ts)` \(([A-Z0-9, -]+)\)/g)].map((match) => ({
    file: match[1]!,
    ids: match[2]!.split(/,\s*/),
  }));
}

describe('ABUSE-15 the threat model', () => {
  it('ABUSE-15 covers every abuse requirement, ABUSE-1 to ABUSE-14, with a proof', () => {
    const proven = new Set(proofs().flatMap((proof) => proof.ids));
    for (let id = 1; id <= 14; id += 1) expect(proven).toContain(`ABUSE-${id}`);
    expect(threatModel).toMatch(/## What Sitepass leaves to you \(out of scope\)/);
  });

  it('ABUSE-15 every proof it names exists: the file, and a test in it named after the requirement', () => {
    expect(proofs().length).toBeGreaterThanOrEqual(15);
    for (const { file, ids } of proofs()) {
      expect(existsSync(join(root, file))).toBe(true);
      const source = readFileSync(join(root, file), 'utf8');
      for (const id of ids) expect(source).toMatch(new RegExp(`it\\('[^']*\\b${id}\\b`));
    }
  });
});
