import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { RunningApp } from './harness';

/** One documented operation, with what a fuzzer needs to build requests that differ from a valid one in one thing. */
export interface Operation {
  method: string;
  /** As documented, with `{name}` placeholders. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  /** The body's property names, or undefined when the operation takes no body. */
  bodyNames: string[] | undefined;
  /** A body the DTO accepts (its required properties): each body mutation changes one thing in it. */
  validBody: Record<string, unknown>;
}

export interface FuzzRequest {
  method: string;
  path: string;
  rawBody?: string;
}

interface JsonSchema {
  $ref?: string;
  properties?: Record<string, { example?: unknown }>;
}

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/**
 * Every operation of the app's OpenAPI document. The document names each body's DTO; where it lists no
 * properties (the @nestjs/swagger plugin that fills them in runs under `nest build`, not under the tests'
 * SWC), they come from that DTO's class-validator rules, and where there is no DTO at all, from the
 * property names of the other operations.
 */
export async function documentedOperations(app: RunningApp): Promise<Operation[]> {
  const document = (await app.http.get<OpenApiDocument>('/docs/openapi.json')).body;
  const schemas = document.components?.schemas ?? {};
  const rules = validationRules(app);
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      const name = schema?.$ref?.split('/').pop();
      const documented = (name ? schemas[name] : schema)?.properties ?? {};
      const properties = name ? (rules.get(name) ?? new Map<string, Rule[]>()) : new Map<string, Rule[]>();
      const bodyNames = schema ? [...new Set([...Object.keys(documented), ...properties.keys()])] : undefined;
      const validBody = Object.fromEntries(
        [...properties]
          .filter(([, rules]) => !rules.some((rule) => rule.type === 'conditionalValidation'))
          .map(([property, rules]) => [property, validValue(rules, documented[property]?.example)]),
      );
      return {
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
        queryParams: parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
        bodyNames,
        validBody,
      };
    }),
  );
  const pool = [...new Set(operations.flatMap((operation) => operation.bodyNames ?? []))];
  return operations.map((operation) => (operation.bodyNames?.length === 0 ? { ...operation, bodyNames: pool } : operation));
}

type Rule = { type: string; name?: string; constraints: any[] };

/** The class-validator rules of every DTO the app's handlers take, by class name (the document's `$ref`). */
function validationRules(app: RunningApp): Map<string, Map<string, Rule[]>> {
  const dtos = new Map<string, Map<string, Rule[]>>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const prototype = (metatype as { prototype?: object } | null)?.prototype;
      if (!prototype) continue;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        for (const type of (Reflect.getMetadata('design:paramtypes', prototype, method) ?? []) as Array<new () => unknown>) {
          const rules = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false) as Array<Rule & { propertyName: string }>;
          if (rules.length === 0) continue;
          const byProperty = new Map<string, Rule[]>();
          for (const rule of rules) byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
          dtos.set(type.name, byProperty);
        }
      }
    }
  }
  return dtos;
}

function validValue(rules: Rule[], example: unknown): unknown {
  if (example !== undefined) return example;
  for (const rule of rules) {
    if (rule.name === 'equals') return rule.constraints[0];
    if (rule.name === 'isIn') return rule.constraints[0][0];
    if (rule.name === 'isEmail') return 'fuzz@example.com';
    if (rule.name === 'isUuid') return randomUUID();
    if (rule.name === 'isBoolean') return true;
    if (rule.name === 'isInt') return 1;
  }
  const minimum = rules.find((rule) => rule.name === 'isLength')?.constraints[0] as number | undefined;
  return 'x'.repeat(Math.max(1, minimum ?? 1));
}

/** A JSON literal sent as written: numbers JSON.stringify cannot write (1e309 parses as Infinity). */
class Literal {
  constructor(readonly json: string) {}
  toJSON(): string {
    return `\u0000literal:${this.json}\u0000`;
  }
}

/** Nested JSON, written out: JSON.stringify itself overflows the stack on thousands of levels. */
function nested(depth: number, kind: 'object' | 'array'): Literal {
  return kind === 'object'
    ? new Literal(`${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`)
    : new Literal(`${'['.repeat(depth)}"x"${']'.repeat(depth)}`);
}

/** What each body property is set to, one at a time. */
export const VALUE_MUTATIONS: unknown[] = [
  '\ud800',
  'a\udfffb',
  { '\ud800': 'x' },
  [{ name: '\udc00' }],
  42,
  -1,
  1.5,
  true,
  false,
  null,
  [],
  ['x'],
  {},
  { nested: 'x' },
  '',
  'a\u0000b',
  '\u0001\u0008\u001b[2J\u007f\u0085',
  'line\r\nX-Injected: 1',
  '\u202egnp.exe \ufeff\uffff',
  '😀',
  'NaN',
  '-0',
  '1e309',
  "' OR '1'='1",
  new Literal('1e309'),
  new Literal('-0'),
  new Literal('9007199254740993'),
  'x'.repeat(15_000),
  'x'.repeat(20_000),
  nested(500, 'object'),
  nested(500, 'array'),
  nested(7_000, 'array'),
];

export const PATH_MUTATIONS = ['not-a-uuid', '%ED%A0%80', '%C0%AF', '%00', '%F0%9F%98%80', '..%2F..%2Fhealth', 'x'.repeat(4_000)];

export const QUERY_MUTATIONS = ['%ED%A0%80', '%C0%AF', '%00', '-1', '0', '1.5', '1e309', 'NaN', '-0', 'x'.repeat(4_000)];

function serialize(body: unknown): string {
  return JSON.stringify(body).replace(/"\\u0000literal:([^"]*)\\u0000"/g, '$1');
}

/** Ill-formed bodies of the operation, each different from its valid body in one way. */
function bodyMutations(operation: Operation): string[] {
  const valid = operation.validBody;
  const rest = serialize(valid).slice(1);
  const withRest = (head: string) => `{${head}${rest === '}' ? '' : ','}${rest}`;
  return [
    serialize(valid),
    '',
    '{}',
    '[]',
    '"\\ud800"',
    serialize({ ...valid, fuzzUnknown: 'x' }),
    serialize({ ...valid, '\ud800': 'x' }),
    serialize({ ...valid, 'a\udfffb': { b: 1 } }),
    withRest('"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}'),
    withRest('"prototype":{"__proto__":{"admin":true}}'),
    ...(operation.bodyNames ?? []).flatMap((name) => VALUE_MUTATIONS.map((value) => serialize({ ...valid, [name]: value }))),
  ];
}

/**
 * The malformed requests of one operation. `ids` gives path parameters a real value (a company the caller
 * administers) where the fuzzer has one, so that the other mutations of the request reach the handler.
 */
export function malformedRequests(operation: Operation, ids: Record<string, string>): FuzzRequest[] {
  const { method } = operation;
  const valid = Object.fromEntries(operation.pathParams.map((name) => [name, ids[name] ?? randomUUID()]));
  const pathWith = (values: Record<string, string>) =>
    operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? valid[name]!);
  const path = pathWith(valid);
  const rawBody = method === 'GET' ? undefined : serialize(operation.validBody);
  const queries = [
    'fuzzUnknown=%ED%A0%80&__proto__[admin]=1',
    ...operation.queryParams.flatMap((name) => [
      ...QUERY_MUTATIONS.map((value) => `${name}=${value}`),
      `${name}=1&${name}=2`,
      `${name}[a]=1`,
      `${name}=`,
    ]),
  ];
  return [
    ...(method === 'GET' ? [] : bodyMutations(operation).map((body) => ({ method, path, rawBody: body }))),
    ...operation.pathParams.flatMap((name) => PATH_MUTATIONS.map((value) => ({ method, path: pathWith({ [name]: value }), rawBody }))),
    ...queries.map((query) => ({ method, path: `${path}?${query}`, rawBody })),
  ];
}
