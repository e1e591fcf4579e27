import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkLabels, MetricCatalog, syntaxErrors } from './promql';

/**
 * deploy/observability as SMS-12's test reads it: the Prometheus rules, the Grafana dashboard, and every
 * PromQL expression in them, Grafana's variables replaced as Grafana does before it sends a query.
 */
export const ROOT = join(__dirname, '..', '..');
const OBSERVABILITY = join(ROOT, 'deploy/observability');
export const RULES_TEXT = readFileSync(join(OBSERVABILITY, 'prometheus-rules.yml'), 'utf8');
export const DASHBOARD = JSON.parse(readFileSync(join(OBSERVABILITY, 'grafana-dashboard.json'), 'utf8')) as Dashboard;

export interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
export interface Target {
  refId?: string;
  expr?: string;
  datasource?: { uid?: string };
}
export interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  gridPos?: { h: number; w: number; x: number; y: number };
  datasource?: { uid?: string };
  targets?: Target[];
  panels?: Panel[];
}
export interface Variable {
  name: string;
  type: string;
  query: string | { query: string };
}
export interface Dashboard {
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Variable[] };
  annotations: { list: Array<{ name: string; expr?: string; datasource?: { uid?: string } }> };
}

export const rulesOf = (text: string): Rule[] =>
  (parse(text) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap((group) => group.rules);
export const RULES = rulesOf(RULES_TEXT);
export const ALERTS = RULES.filter((rule) => rule.alert);
export const PANELS = DASHBOARD.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
export const VARIABLES = DASHBOARD.templating.list;

/** What Grafana puts in place of its variables when it sends a query; any other `$name` is a typo. */
const GRAFANA_BUILTINS: Record<string, string> = { __rate_interval: '5m', __interval: '1m', __range: '1h' };

export function substituteVariables(expr: string): string {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (whole, braced?: string, bare?: string) => {
    const name = (braced ?? bare)!;
    if (name in GRAFANA_BUILTINS) return GRAFANA_BUILTINS[name]!;
    if (VARIABLES.some((variable) => variable.name === name)) return '.*';
    throw new Error(`${whole} is neither a dashboard variable nor one of Grafana's`);
  });
}

/** `label_values(selector, label)`: the selector as PromQL, and the label it lists. */
export function labelValuesQuery(variable: Variable): { selector: string; label: string } | undefined {
  const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
  const match = /^label_values\((.+),\s*(\w+)\)$/.exec(query);
  return match ? { selector: substituteVariables(match[1]!), label: match[2]! } : undefined;
}

/** Every PromQL expression of a rules file and of the dashboard, with where it comes from. */
export function expressionsOf(rules: Rule[]): Array<{ source: string; expr: string }> {
  return [
    ...rules.map((rule) => ({ source: `rule ${rule.record ?? rule.alert}`, expr: rule.expr })),
    ...PANELS.flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({
        source: `panel "${panel.title}" ${target.refId}`,
        expr: substituteVariables(target.expr ?? ''),
      })),
    ),
    ...DASHBOARD.annotations.list
      .filter((annotation) => annotation.expr)
      .map((annotation) => ({ source: `annotation "${annotation.name}"`, expr: substituteVariables(annotation.expr!) })),
    ...VARIABLES.flatMap((variable) => {
      const query = labelValuesQuery(variable);
      return query ? [{ source: `variable ${variable.name}`, expr: query.selector }] : [];
    }),
  ];
}

export const syntaxProblems = (rules: Rule[]) =>
  expressionsOf(rules).flatMap(({ source, expr }) => syntaxErrors(expr).map((error) => `${source}: ${error}`));

/** Problems of each expression against the catalog, recording rules added to it in file order. */
export function labelProblems(rules: Rule[], published: MetricCatalog): string[] {
  const catalog = new Map(published);
  const problems: string[] = [];
  for (const rule of rules) {
    const checked = checkLabels(rule.expr, catalog);
    problems.push(...checked.problems.map((problem) => `rule ${rule.record ?? rule.alert}: ${problem}`));
    if (rule.record) catalog.set(rule.record, checked.labels === 'scalar' ? new Set() : checked.labels);
  }
  for (const { source, expr } of expressionsOf([])) {
    problems.push(...checkLabels(expr, catalog).problems.map((problem) => `${source}: ${problem}`));
  }
  for (const variable of VARIABLES) {
    const query = labelValuesQuery(variable);
    const labels = query && checkLabels(query.selector, catalog).labels;
    if (labels && (labels === 'scalar' || !labels.has(query.label))) problems.push(`variable ${variable.name}: no label ${query.label}`);
  }
  return problems;
}
