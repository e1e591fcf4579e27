import type { Result, RunOptions } from 'axe-core';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { scriptsAreOff } from './browser';

/** One rule axe-core found broken, and where: what a failing `toEqual([])` prints. */
export interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  /** A CSS selector per element that breaks the rule. */
  targets: string[];
}

/** WEB-8: the rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, by axe-core's tags (2.2 adds one AA rule, target-size). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let axeSource: string | undefined;

/**
 * axe-core's WCAG 2.2 A/AA violations on the page as it is now (WEB-8); a test expects `[]`.
 *
 * The pages' CSP allows no inline script, so `page.addScriptTag({ content })` is refused. axe-core is evaluated
 * through the DevTools protocol instead (`page.evaluate`), which the page's CSP does not govern; the context
 * keeps its CSP (no `bypassCSP`), so the tests see what a person's browser enforces.
 */
export async function checkAccessibility(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate('typeof axe !== "undefined"'))) {
    await page.evaluate((axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')));
  }
  const scriptsOff = scriptsAreOff(page);
  // axe-core loads stylesheets and media ahead of the rules that need them (only experimental and media rules);
  // without timers it could never wait for them, and no page here plays media.
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'], preload: !scriptsOff };
  const violations = await page.evaluate(runAxe, { options, scriptsOff });
  return violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.flat().join(' ')),
  }));
}

interface AxeWindow {
  axe: { run(context: unknown, options: RunOptions): Promise<{ violations: Result[] }> };
  document: unknown;
  setTimeout(callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]): number;
  clearTimeout(id: number): void;
}

/**
 * Runs in the page. With JavaScript off the DevTools protocol still evaluates, and promise jobs still run, but
 * no timer fires: axe-core, which yields with setTimeout between rules, would wait forever. So while it runs
 * in such a page, a timer is a promise job: axe-core's delays are yields, not waits.
 */
async function runAxe({ options, scriptsOff }: { options: RunOptions; scriptsOff: boolean }): Promise<Result[]> {
  const page = globalThis as unknown as AxeWindow;
  const timers = { setTimeout: page.setTimeout, clearTimeout: page.clearTimeout };
  if (scriptsOff) {
    const cancelled = new Set<number>();
    let last = 0;
    page.setTimeout = (callback, _delay, ...args) => {
      const id = ++last;
      void Promise.resolve().then(() => {
        if (!cancelled.delete(id)) callback(...args);
      });
      return id;
    };
    page.clearTimeout = (id) => void cancelled.add(id);
  }
  try {
    return (await page.axe.run(page.document, options)).violations;
  } finally {
    Object.assign(page, timers);
  }
}
