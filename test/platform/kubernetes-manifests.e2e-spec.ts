import { loadConfig } from '@sitepass/config';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  buildKustomization,
  Container,
  filesUnder,
  KubeObject,
  Manifest,
  podSpecOf,
  ROOT,
  schemaProblems,
  strictnessProblems,
} from '../support/kubernetes-manifests';
import { newSigningKeyPem } from '../support/test-config';

/**
 * REL-5, offline: the manifests of deploy/kubernetes against the Kubernetes API's schemas (the
 * `kubernetes-models` package: its JSON Schema validators and, for unknown fields, its TypeScript
 * declarations), then against what Sitepass needs of them.
 */
const KUBERNETES = join(ROOT, 'deploy/kubernetes');
const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Each process: its port (main.ts's default) and the npm script that runs it. */
const PROCESSES = {
  'standard-mfa': { port: 3000, script: 'start:standard-mfa', http: true },
  'pay-mfa': { port: 3001, script: 'start:pay-mfa', http: true },
  worker: { port: 3002, script: 'start:worker', http: false },
} as const;

/** libs/health's drain limit (REL-6): in-flight requests and jobs get this long after SIGTERM. */
const DRAIN_SECONDS = 10;

function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`memory "${quantity}" is not in Mi or Gi`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

describe('REL-5 the Kubernetes manifests', () => {
  const files = new Set<string>();
  const base = buildKustomization(join(KUBERNETES, 'base'), files);
  const overlay = buildKustomization(join(KUBERNETES, 'overlays/example'), files);
  const find = (manifests: Manifest[], kind: string, name: string) => {
    const found = manifests.find((m) => m.object.kind === kind && m.object.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name}`);
    return found.object;
  };

  it('REL-5 every YAML file under deploy/kubernetes belongs to a kustomization, and the base is in the overlay', () => {
    expect(filesUnder(KUBERNETES, ['.yaml', '.yml', '.example'])).toEqual([...files].sort());
    expect(overlay.map((m) => `${m.object.kind}/${m.object.metadata.name}`)).toEqual(
      expect.arrayContaining(base.map((m) => `${m.object.kind}/${m.object.metadata.name}`)),
    );
  });

  it('REL-5 every object of the base and of the example overlay is valid for the Kubernetes 1.33 API, every field known', async () => {
    const all = [...base, ...overlay];
    for (const { object, source } of all) expect({ source, problems: await schemaProblems(object) }).toEqual({ source, problems: [] });
    const strict = strictnessProblems(all.map((m) => m.object));
    all.forEach(({ source }, index) => expect({ source, problems: strict[index] }).toEqual({ source, problems: [] }));
  });

  it('REL-5 the check refuses a broken copy: a misspelt field, a wrong type, a missing required field', async () => {
    const text = readFileSync(join(KUBERNETES, 'base/standard-mfa.yaml'), 'utf8');
    const broken = (from: string, to: string): KubeObject => {
      if (!text.includes(from)) throw new Error(`standard-mfa.yaml has no "${from}"`);
      return parseAllDocuments(text.replace(from, to))[0]!.toJS() as KubeObject;
    };
    const misspelt = broken('          readinessProbe:', '          readinesProbe:');
    const wrongType = broken('  revisionHistoryLimit: 5', '  revisionHistoryLimit: five');
    const missing = broken('  selector:\n    matchLabels:\n      app.kubernetes.io/name: standard-mfa\n  strategy:', '  strategy:');
    const intact = parseAllDocuments(text)[0]!.toJS() as KubeObject;

    expect(await schemaProblems(intact)).toEqual([]);
    expect((await schemaProblems(wrongType)).join()).toMatch(/revisionHistoryLimit must be integer/);
    expect((await schemaProblems(missing)).join()).toMatch(/spec must have required property '?selector'?/);
    const [misspeltProblems, wrongTypeProblems, intactProblems] = strictnessProblems([misspelt, wrongType, intact]);
    expect(misspeltProblems!.join()).toMatch(/'"readinesProbe"' does not exist in type/);
    expect(wrongTypeProblems!.join()).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(intactProblems).toEqual([]);
  });

  it('REL-5 OPS-1 OPS-3 REL-6 PERF-5 each process runs its own entry point, is probed on its port, drains within its grace period and runs restricted', () => {
    for (const [name, expected] of Object.entries(PROCESSES)) {
      const deployment = find(overlay, 'Deployment', name);
      const pod = podSpecOf(deployment)!;
      const [container, ...others] = pod.containers;
      expect(others).toEqual([]);
      const { command, env, ports } = container as Container & Record<string, never>;
      expect({ name, command: command!.join(' ') }).toEqual({ name, command: SCRIPTS[expected.script] });
      expect(ports).toEqual([{ name: 'http', containerPort: expected.port }]);
      expect(env).toContainEqual({ name: 'PORT', value: String(expected.port) });
      const probe = (kind: string) => (container![kind] as { httpGet: { path: string; port: string } }).httpGet;
      expect([probe('startupProbe'), probe('livenessProbe'), probe('readinessProbe')]).toEqual([
        { path: '/health/live', port: 'http' },
        { path: '/health/live', port: 'http' },
        { path: '/health/ready', port: 'http' },
      ]);
      const pause = expected.http
        ? Number((container!.lifecycle as { preStop: { exec: { command: string[] } } }).preStop.exec.command[1])
        : 0;
      expect(pause).toBe(expected.http ? 5 : 0);
      expect(pod.terminationGracePeriodSeconds as number).toBeGreaterThanOrEqual(pause + DRAIN_SECONDS + 5);
      const resources = container!.resources as { requests: Record<string, string>; limits: Record<string, string> };
      // PERF-5: idle under 150 MB; the limit leaves room above it, the request at least covers it.
      expect(mebibytes(resources.requests.memory!)).toBeGreaterThanOrEqual(150);
      expect(mebibytes(resources.limits.memory!)).toBeGreaterThan(mebibytes(resources.requests.memory!));
      expect(resources.requests.cpu && resources.limits.cpu).toBeTruthy();
    }
    const job = find(overlay, 'Job', 'sitepass-migrate');
    const [migrate] = podSpecOf(job)!.containers;
    expect(migrate!.command!.join(' ')).toBe(SCRIPTS['migration:run']);
    expect(migrate!.env).toContainEqual({ name: 'PGOPTIONS', value: '-c lock_timeout=5s' });
    expect(podSpecOf(job)!.restartPolicy).toBe('Never');

    for (const { object, source } of overlay.filter((m) => podSpecOf(m.object))) {
      const pod = podSpecOf(object)!;
      expect({ source, pod: pod.securityContext, token: pod.automountServiceAccountToken }).toEqual({
        source,
        pod: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
        token: false,
      });
      for (const container of pod.containers) {
        expect({ source, image: container.image, securityContext: container.securityContext }).toEqual({
          source,
          image: 'registry.example.com/sitepass/sitepass-app:0.1.0',
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        });
      }
    }
  });

  it('REL-5 Services, autoscalers and disruption budgets select what exists; network policies cover every pod and open only its port', () => {
    const podLabels = (name: string) =>
      (find(overlay, 'Deployment', name).spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
    const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
      Object.entries(selector).every(([key, value]) => labels[key] === value);
    for (const [name, expected] of Object.entries(PROCESSES)) {
      const service = find(overlay, 'Service', name).spec as { selector: Record<string, string>; ports: Array<{ targetPort: string }> };
      expect(selects(service.selector, podLabels(name))).toBe(true);
      expect(service.ports.map((port) => port.targetPort)).toEqual(['http']);
      const budget = find(overlay, 'PodDisruptionBudget', name).spec as { selector: { matchLabels: Record<string, string> } };
      expect(selects(budget.selector.matchLabels, podLabels(name))).toBe(true);
      const deployment = find(overlay, 'Deployment', name).spec as { replicas?: number };
      if (expected.http) {
        const hpa = find(overlay, 'HorizontalPodAutoscaler', name).spec as { scaleTargetRef: unknown; minReplicas: number };
        expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
        expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
        // The autoscaler owns the count: a `replicas` in the Deployment would reset it at every apply.
        expect(deployment.replicas).toBeUndefined();
      } else {
        expect(deployment.replicas).toBeGreaterThanOrEqual(2);
      }
      const ingress = overlay
        .filter((m) => m.object.kind === 'NetworkPolicy')
        .map(
          (m) =>
            m.object.spec as { podSelector: { matchLabels: Record<string, string> }; ingress?: Array<{ ports: Array<{ port: number }> }> },
        )
        .filter((policy) => policy.ingress && selects(policy.podSelector.matchLabels, podLabels(name)));
      expect(ingress.flatMap((policy) => policy.ingress!.flatMap((rule) => rule.ports.map((port) => port.port)))).toEqual([expected.port]);
    }
    const deny = find(overlay, 'NetworkPolicy', 'sitepass-default-deny').spec as { podSelector: { matchLabels: Record<string, string> } };
    for (const { object, source } of overlay.filter((m) => podSpecOf(m.object))) {
      const labels = (object.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
      expect({ source, denied: selects(deny.podSelector.matchLabels, labels) }).toEqual({ source, denied: true });
    }
    // Every namespaced object lands in the overlay's namespace; the Secret's and ConfigMap's names are the ones the pods read.
    for (const { object, source } of overlay.filter((m) => m.object.kind !== 'Namespace')) {
      expect({ source, namespace: object.metadata.namespace }).toEqual({ source, namespace: 'sitepass' });
    }
    for (const { object } of overlay.filter((m) => podSpecOf(m.object))) {
      expect(podSpecOf(object)!.containers.flatMap((c) => c.envFrom as unknown[])).toEqual([
        { configMapRef: { name: 'sitepass-config' } },
        { secretRef: { name: 'sitepass-secrets' } },
      ]);
    }
  });

  it('REL-5 OPS-2 every ConfigMap and Secret key is a variable Sitepass reads, and the example overlay’s configuration starts in production', () => {
    const config = (find(overlay, 'ConfigMap', 'sitepass-config').data ?? {}) as Record<string, string>;
    const secret = Object.fromEntries(
      Object.entries(find(overlay, 'Secret', 'sitepass-secrets').data as Record<string, string>).map(([key, value]) => [
        key,
        Buffer.from(value, 'base64').toString('utf8'),
      ]),
    );
    // The variables the loader reads, recorded by an environment that watches it.
    const known = new Set<string>();
    for (const environment of ['production', 'development']) {
      const watched = new Proxy({ ...config, ...secret, NODE_ENV: environment } as Record<string, string | undefined>, {
        get: (target, key: string) => {
          known.add(key);
          return target[key];
        },
      });
      try {
        loadConfig(watched, { port: 0, devSecretsDirectory: mkdtempSync(join(tmpdir(), 'sitepass-k8s-')) });
      } catch {
        // Only the names matter here.
      }
    }
    expect([...Object.keys(config), ...Object.keys(secret)].filter((key) => !known.has(key))).toEqual([]);
    expect(Object.keys(config).filter((key) => key in secret)).toEqual([]);

    // What secrets.env would hold once filled in: the template's empty values are the ones to fill.
    const filled: Record<string, string> = {
      JWT_SIGNING_KEYS: newSigningKeyPem().replace(/\n/g, '\\n'),
      ENCRYPTION_KEYS: `k20260101:${randomBytes(32).toString('base64')}`,
      HASH_PEPPER: randomBytes(32).toString('base64'),
      INTERNAL_API_TOKEN: randomBytes(32).toString('hex'),
      TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
      TWILIO_AUTH_TOKEN: randomBytes(16).toString('hex'),
      SMTP_URL: 'smtps://sitepass:password@smtp.acme.example:465',
    };
    const optional = ['DATABASE_READ_URL'];
    expect(
      Object.keys(secret)
        .filter((key) => secret[key] === '' && !optional.includes(key))
        .sort(),
    ).toEqual(Object.keys(filled).sort());
    const loaded = loadConfig({ ...config, ...secret, ...filled }, { port: 0 });
    expect(loaded).toMatchObject({
      environment: 'production',
      publicHost: 'mfa.acme.example',
      databasePoolSize: 10,
      databaseReadUrl: null,
    });
    expect(loaded.sms.provider).toBe('twilio');
  });
});
