import { Metrics } from '@sitepass/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunningApp, useTestEnvironment } from '../support/harness';
import {
  ALERTS,
  DASHBOARD,
  expressionsOf,
  labelProblems,
  labelValuesQuery,
  PANELS,
  ROOT,
  RULES,
  RULES_TEXT,
  rulesOf,
  substituteVariables,
  syntaxProblems,
  VARIABLES,
} from '../support/observability-files';
import { MetricCatalog, metricNames, readExposition, seriesOf, syntaxErrors } from '../support/promql';

/**
 * SMS-12: deploy/observability's rules and dashboard against the grammar of PromQL and against the metrics
 * the real apps and worker publish, so that a renamed metric or label breaks this test and not a 3 a.m. page.
 */
const OPERATIONS = readFileSync(join(ROOT, 'docs/operations.md'), 'utf8');

/** GitHub's anchor for a Markdown heading. */
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');

describe('SMS-12 the Prometheus rules and the Grafana dashboard in deploy/observability', () => {
  const env = useTestEnvironment();

  /** Labels Prometheus itself adds to every scraped series. */
  const SCRAPE_LABELS = ['job', 'instance'];

  /**
   * The metrics the three processes serve at /metrics (their `# TYPE` lines, so counters never incremented
   * count too), each with its label names from the process's registry and the default labels on its samples.
   */
  async function publishedCatalog(): Promise<MetricCatalog> {
    const catalog = new Map<string, ReadonlySet<string>>();
    const apps: RunningApp[] = [await env.standard(), await env.pay(), await env.worker()];
    for (const app of apps) {
      const { types, defaultLabels } = readExposition((await app.http.get('/metrics')).body as string);
      expect({ kind: app.kind, defaultLabels }).toEqual({ kind: app.kind, defaultLabels: ['process'] });
      const registry = app.get(Metrics).registry;
      for (const [name, type] of types) {
        // prom-client keeps each metric's declared label names on the metric; its typings leave them out.
        const declared = (registry.getSingleMetric(name) as unknown as { labelNames?: string[] } | undefined)?.labelNames ?? [];
        const labels = new Set([...declared, ...defaultLabels, ...SCRAPE_LABELS]);
        for (const [series, seriesLabels] of seriesOf(name, type, labels)) {
          catalog.set(series, new Set([...(catalog.get(series) ?? []), ...seriesLabels]));
        }
      }
    }
    return catalog;
  }

  it('SMS-12 every PromQL expression of the rules, the panels, the annotations and the variables parses', () => {
    const expressions = expressionsOf(RULES);
    expect(expressions.length).toBeGreaterThan(30);
    expect(syntaxProblems(RULES)).toEqual([]);
  });

  it('SMS-12 the syntax check reports a broken expression in the rules file', () => {
    const broken = RULES_TEXT.replace(
      'sum by (country) (increase(sitepass_sms_sends_total[1h]))',
      'sum by (country (increase(sitepass_sms_sends_total[1h]))',
    );
    expect(broken).not.toEqual(RULES_TEXT);
    expect(syntaxProblems(rulesOf(broken))).toEqual([expect.stringMatching(/^rule country:sitepass_sms_sends:increase_1h: syntax error/)]);
    expect(syntaxErrors('rate(sitepass_sms_sends_total[5m]')).not.toEqual([]);
    expect(substituteVariables('rate(x{country=~"$country"}[$__rate_interval])')).toBe('rate(x{country=~".*"}[5m])');
    expect(() => substituteVariables('x{country=~"$contry"}')).toThrow('$contry');
  });

  it('SMS-12 every metric and label the rules and the dashboard use is published by the apps and the worker', async () => {
    const published = await publishedCatalog();
    const recorded = new Set(RULES.flatMap((rule) => rule.record ?? []));
    const used = new Set(expressionsOf(RULES).flatMap(({ expr }) => metricNames(expr)));
    expect([...used].filter((name) => !published.has(name) && !recorded.has(name))).toEqual([]);
    expect(published.get('sitepass_sms_prefix_blocked')).toEqual(new Set(['country', 'prefix', 'process', 'job', 'instance']));
    expect(labelProblems(RULES, published)).toEqual([]);

    // The same check refuses a misspelt metric, a label the metric lacks, and sides that cannot match.
    const wrong = (expr: string) =>
      labelProblems([...RULES, { record: 'wrong', expr }], published).filter((problem) => problem.startsWith('rule wrong'));
    expect(wrong('sum(rate(sitepass_sms_send_total[5m]))')).toEqual(['rule wrong: unknown metric sitepass_sms_send_total']);
    expect(wrong('sum by (country) (rate(sitepass_mfa_verifications_total[5m]))')).toEqual([expect.stringContaining('no label "country"')]);
    expect(wrong('sitepass_sms_refusals_total{prefix="+1415"}')).toEqual([expect.stringContaining('no label "prefix"')]);
    expect(wrong('country:sitepass_sms_sends:increase_1h / country_prefix:sitepass_sms_sends:increase_1h')).toEqual([
      expect.stringContaining('no series can match'),
    ]);
  });

  it('SMS-12 every sitepass metric and the HTTP latency are on the dashboard', async () => {
    const published = await publishedCatalog();
    const family = (name: string) => name.replace(/_(bucket|count|sum)$/, '');
    const recordedFrom = new Map(RULES.flatMap((rule) => (rule.record ? [[rule.record, metricNames(rule.expr)] as const] : [])));
    const onDashboard = new Set(
      expressionsOf([])
        .flatMap(({ expr }) => metricNames(expr))
        .flatMap((name) => [name, ...(recordedFrom.get(name) ?? [])])
        .map(family),
    );
    const families = new Set([...published.keys()].filter((name) => /^(sitepass_|http_request_duration_seconds)/.test(name)).map(family));
    expect(families.size).toBeGreaterThan(10);
    expect([...families].filter((name) => !onDashboard.has(name))).toEqual([]);
  });

  it('SMS-12 conversion is recorded by country and by prefix, and the gauges every instance reports alike are never summed', () => {
    const record = (name: string) => RULES.find((rule) => rule.record === name)!;
    for (const name of ['country:sitepass_sms_conversion:ratio_1h', 'country_prefix:sitepass_sms_conversion:ratio_1h']) {
      expect(record(name).expr).toMatch(/> 0\)/);
    }
    for (const { source, expr } of expressionsOf(RULES)) {
      if (/sitepass_sms_(prefix_blocked|queue_depth)/.test(expr))
        expect({ source, expr }).toEqual({ source, expr: expect.stringMatching(/^max\b/) });
    }
  });

  it('SMS-12 every alert waits, has a severity, a summary, a description and a runbook in docs/operations.md; the required kinds are there', () => {
    const anchors = new Set([...OPERATIONS.matchAll(/^#+ (.+)$/gm)].map((heading) => anchorOf(heading[1]!)));
    for (const alert of ALERTS) {
      expect({ alert: alert.alert, for: alert.for, severity: alert.labels?.severity }).toEqual({
        alert: alert.alert,
        for: expect.stringMatching(/^\d+[smh]$/),
        severity: expect.stringMatching(/^(warning|critical)$/),
      });
      expect(alert.annotations).toEqual(
        expect.objectContaining({ summary: expect.any(String), description: expect.any(String), runbook_url: expect.any(String) }),
      );
      const [file, anchor] = alert.annotations!.runbook_url!.split('#');
      expect({ alert: alert.alert, file, anchored: anchors.has(anchor!) }).toEqual({
        alert: alert.alert,
        file: 'docs/operations.md',
        anchored: true,
      });
    }
    const names = ALERTS.map((alert) => alert.alert!);
    for (const kind of [/SmsConversionDrop/, /SmsPrefixBlocked/, /SmsQueue/, /SmsDeliveryFailures/, /MfaFailureSpike/, /5xx/]) {
      expect(names).toContainEqual(expect.stringMatching(kind));
    }
  });

  it('SMS-12 the dashboard is importable: unique panel ids, positions, targets with a refId and an expression on the datasource variable', () => {
    expect(DASHBOARD.schemaVersion).toBeGreaterThanOrEqual(39);
    const ids = PANELS.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(VARIABLES.find((variable) => variable.name === 'datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
    for (const name of ['country', 'prefix'])
      expect(labelValuesQuery(VARIABLES.find((variable) => variable.name === name)!)?.label).toBe(name);
    for (const panel of PANELS) {
      const { h, w, x, y } = panel.gridPos ?? { h: 0, w: 0, x: -1, y: -1 };
      expect({ title: panel.title, fits: h > 0 && w > 0 && x >= 0 && y >= 0 && x + w <= 24 }).toEqual({ title: panel.title, fits: true });
      if (panel.type === 'row') continue;
      const targets = panel.targets ?? [];
      expect({
        title: panel.title,
        description: !!panel.description,
        targets: targets.length > 0,
        datasource: panel.datasource?.uid,
      }).toEqual({
        title: panel.title,
        description: true,
        targets: true,
        datasource: '${datasource}',
      });
      for (const target of targets)
        expect(target).toMatchObject({ refId: expect.any(String), expr: expect.any(String), datasource: { uid: '${datasource}' } });
      expect(new Set(targets.map((target) => target.refId)).size).toBe(targets.length);
    }
    for (const annotation of DASHBOARD.annotations.list.filter((annotation) => annotation.expr)) {
      expect(annotation.datasource?.uid).toBe('${datasource}');
    }
  });

  it('SMS-12 the dashboard shows conversion by country and by prefix, the blocked prefixes now and their blocks and releases', () => {
    const panelUsing = (metric: string) => PANELS.filter((panel) => (panel.targets ?? []).some((target) => target.expr?.includes(metric)));
    expect(panelUsing('country:sitepass_sms_conversion:ratio_1h')).not.toEqual([]);
    expect(panelUsing('country_prefix:sitepass_sms_conversion:ratio_1h')).not.toEqual([]);
    expect(panelUsing('sitepass_sms_prefix_blocked').map((panel) => panel.type)).toContain('table');
    expect(panelUsing('sitepass_sms_prefix_block_changes_total')).not.toEqual([]);
    expect(DASHBOARD.annotations.list.some((annotation) => annotation.expr?.includes('sitepass_sms_prefix_block_changes_total'))).toBe(
      true,
    );
  });
});
