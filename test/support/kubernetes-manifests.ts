import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as read from YAML, with where it came from. */
export interface Manifest {
  object: KubeObject;
  /** The file (relative to the repository root) and the document's index in it. */
  source: string;
}

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
} & Record<string, unknown>;

export const ROOT = resolve(__dirname, '../..');

/** The kustomization fields these manifests use; anything else is a typo that kustomize would refuse. */
const KUSTOMIZATION_FIELDS = ['apiVersion', 'kind', 'namespace', 'resources', 'images', 'secretGenerator', 'patches'];

/** Kinds that live outside namespaces. */
const CLUSTER_SCOPED = ['Namespace'];

export function readYamlFile(file: string): KubeObject[] {
  const documents = parseAllDocuments(readFileSync(file, 'utf8'));
  return documents.map((document, index) => {
    if (document.errors.length > 0) throw new Error(`${relative(ROOT, file)} document ${index}: ${document.errors[0]!.message}`);
    return document.toJS() as KubeObject;
  });
}

/**
 * What `kubectl apply -k dir` would send, for the kustomization features these manifests use: resources
 * (files and other kustomizations), the namespace, image overrides, Secrets generated from an env file
 * (from its committed `.example`, since the real one is never in the repository), and patches that merge
 * maps into an object of the same kind and name. Patches that would replace a list are refused: a
 * strategic merge of lists is kustomize's business, not this reader's. `files` collects every file read.
 */
export function buildKustomization(directory: string, files = new Set<string>()): Manifest[] {
  const file = join(directory, 'kustomization.yaml');
  files.add(file);
  const [kustomization] = readYamlFile(file) as unknown as Array<Record<string, unknown>>;
  const unknown = Object.keys(kustomization!).filter((key) => !KUSTOMIZATION_FIELDS.includes(key));
  if (unknown.length > 0) throw new Error(`${relative(ROOT, file)}: unknown fields ${unknown.join(', ')}`);
  const manifests: Manifest[] = [];
  for (const entry of (kustomization!.resources as string[] | undefined) ?? []) {
    const path = join(directory, entry);
    if (!existsSync(path)) throw new Error(`${relative(ROOT, file)}: resource ${entry} does not exist`);
    if (statSync(path).isDirectory()) manifests.push(...buildKustomization(path, files));
    else {
      files.add(path);
      manifests.push(...readYamlFile(path).map((object, index) => ({ object, source: `${relative(ROOT, path)}#${index}` })));
    }
  }
  for (const generator of (kustomization!.secretGenerator as Array<{
    name: string;
    envs: string[];
    options?: { labels?: Record<string, string> };
  }>) ?? []) {
    const data: Record<string, string> = {};
    for (const env of generator.envs) {
      const example = join(directory, `${env}.example`);
      if (!existsSync(example)) throw new Error(`${relative(ROOT, file)}: ${env} has no committed ${env}.example`);
      files.add(example);
      for (const line of readFileSync(example, 'utf8').split('\n')) {
        const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
        if (match) data[match[1]!] = Buffer.from(match[2]!).toString('base64');
        else if (line.trim() !== '' && !line.startsWith('#')) throw new Error(`${relative(ROOT, example)}: "${line}" is not KEY=value`);
      }
    }
    manifests.push({
      object: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: generator.name, ...(generator.options?.labels && { labels: generator.options.labels }) },
        type: 'Opaque',
        data,
      },
      source: `${relative(ROOT, file)} secretGenerator ${generator.name}`,
    });
  }
  for (const patch of (kustomization!.patches as Array<{ path: string }> | undefined) ?? []) {
    const path = join(directory, patch.path);
    files.add(path);
    for (const partial of readYamlFile(path)) {
      const target = manifests.find((m) => m.object.kind === partial.kind && m.object.metadata.name === partial.metadata.name);
      if (!target) throw new Error(`${relative(ROOT, path)}: no ${partial.kind} ${partial.metadata.name} to patch`);
      target.object = mergeMaps(target.object, partial, relative(ROOT, path)) as KubeObject;
      target.source += ` + ${relative(ROOT, path)}`;
    }
  }
  const namespace = kustomization!.namespace as string | undefined;
  if (namespace) {
    for (const { object } of manifests) if (!CLUSTER_SCOPED.includes(object.kind)) object.metadata = { ...object.metadata, namespace };
  }
  for (const image of (kustomization!.images as Array<{ name: string; newName?: string; newTag?: string }> | undefined) ?? []) {
    for (const { object } of manifests) {
      for (const container of containersOf(object)) {
        if (container.image === image.name) container.image = `${image.newName ?? image.name}:${image.newTag ?? 'latest'}`;
      }
    }
  }
  return manifests;
}

function mergeMaps(base: unknown, patch: unknown, where: string): unknown {
  if (Array.isArray(patch)) throw new Error(`${where}: a patch that replaces a list; write the whole object instead`);
  if (patch === null || typeof patch !== 'object') return patch;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) merged[key] = mergeMaps(merged[key], value, where);
  return merged;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: Array<{ name: string; value?: string }>;
  ports?: Array<{ name?: string; containerPort: number }>;
  [key: string]: unknown;
}

export interface PodSpec {
  containers: Container[];
  [key: string]: unknown;
}

/** The pod template of a Deployment or a Job, or null. */
export function podSpecOf(object: KubeObject): PodSpec | null {
  if (object.kind !== 'Deployment' && object.kind !== 'Job') return null;
  return ((object.spec as { template: { spec: PodSpec } }).template.spec ?? null) as PodSpec | null;
}

export function containersOf(object: KubeObject): Container[] {
  return podSpecOf(object)?.containers ?? [];
}

/** The model classes of the `kubernetes-models` package, by apiVersion and kind. */
interface ModelClass {
  new (data: unknown): { validate(): void };
}

/**
 * The object against the Kubernetes API's OpenAPI schema of its apiVersion and kind, as compiled by the
 * `kubernetes-models` package (types, required fields, enums, formats such as quantities and
 * int-or-string). Returns the problems, empty when valid. The OpenAPI schemas allow unknown fields (the
 * API server only warns about them); `strictnessProblems` catches those.
 */
export async function schemaProblems(object: KubeObject): Promise<string[]> {
  const group = (await import(`kubernetes-models/${object.apiVersion}`)) as Record<string, ModelClass | undefined>;
  const Model = group[object.kind];
  if (!Model) return [`no schema for ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

/**
 * Unknown fields and wrong types, as `kubectl --validate=strict` refuses them: each object is written as a
 * TypeScript object literal typed with the package's declaration of its kind (generated from the same
 * OpenAPI definitions), and type-checked. Excess property checks reject every field the kind does not
 * have, at any depth. Returns the problems per object, in order.
 */
export function strictnessProblems(objects: KubeObject[]): string[][] {
  const file = join(ROOT, 'test', '__kubernetes_manifests__.ts');
  const lines: string[] = [];
  const starts: number[] = [];
  objects.forEach((object, index) => {
    const type = `I${object.kind}`;
    lines.push(`import type { ${type} as T${index} } from 'kubernetes-models/${object.apiVersion}/${object.kind}';`);
  });
  objects.forEach((object, index) => {
    starts.push(lines.length);
    lines.push(...`export const object${index}: T${index} = ${JSON.stringify(object, null, 2)};`.split('\n'));
  });
  starts.push(lines.length);
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    resolve(name) === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const problems: string[][] = objects.map(() => []);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || resolve(diagnostic.file.fileName) !== file) throw new Error(`type check: ${message}`);
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const index = starts.findIndex((start, i) => line >= start && line < starts[i + 1]!);
    if (index < 0) throw new Error(`type check, line ${line + 1}: ${message}`);
    problems[index]!.push(`line ${line - starts[index]! + 1}: ${message}`);
  }
  return problems;
}

/** Every file under `directory` whose name ends with one of `suffixes`. */
export function filesUnder(directory: string, suffixes: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (suffixes.some((suffix) => name.endsWith(suffix))) found.push(path);
    }
  };
  walk(directory);
  return found.sort();
}
