import { Validator } from '@seriousme/openapi-schema-validator';
import { ERROR_HTTP_STATUS } from '@sitepass/http';
import { useTestEnvironment } from '../support/harness';

/**
 * The OpenAPI documents are how clients learn the API (OPS-1): each app's, as served, must be valid
 * OpenAPI 3, and every operation in it must say what it answers, success and errors alike. The tests walk
 * the documents themselves, so a route added without its answers fails here, whoever adds it.
 */

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface ResponseObject {
  description: string;
  content?: Record<string, { schema?: Schema }>;
}

interface OperationObject {
  responses: Record<string, ResponseObject>;
  security?: Array<Record<string, string[]>>;
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Schema> };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Every operation, named as a client would say it: `POST /v1/challenges`. */
function operationsOf(document: OpenApiDocument): Array<[string, OperationObject]> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]): [string, OperationObject] => [`${method.toUpperCase()} ${path}`, operation]),
  );
}

/** The component a `$ref` names, or the schema itself. */
function resolve(document: OpenApiDocument, schema: Schema): Schema | undefined {
  if (!schema.$ref) return schema;
  return document.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
}

/**
 * The named schemas reachable from `schema` that describe nothing: a $ref to no component, or to one
 * without properties (a DTO class whose fields lack @ApiProperty: the Swagger plugin does not run here).
 */
function emptySchemas(document: OpenApiDocument, schema: Schema, seen = new Set<string>()): string[] {
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return [];
    seen.add(schema.$ref);
    const target = resolve(document, schema);
    if (!target || Object.keys(target.properties ?? {}).length === 0) return [schema.$ref];
    return emptySchemas(document, target, seen);
  }
  const nested = [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(schema.allOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.anyOf ?? []),
  ];
  return nested.flatMap((child) => emptySchemas(document, child, seen));
}

function jsonSchemaOf(response: ResponseObject): Schema | undefined {
  return response.content?.['application/json']?.schema;
}

/** What is wrong with a success answer: 204 has no body; anything else names a schema that describes one. */
function successProblems(document: OpenApiDocument, status: string, response: ResponseObject): string[] {
  if (status === '204') return response.content ? ['204 with content'] : [];
  const schema = jsonSchemaOf(response);
  if (!schema) return [`${status} without a JSON schema`];
  const described = schema.$ref || Object.keys(schema.properties ?? {}).length > 0 || schema.items?.$ref;
  if (!described) return [`${status} with a schema that names no properties`];
  return emptySchemas(document, schema).map((ref) => `${status} refers to ${ref}, which has no properties`);
}

/** What is wrong with an error answer: its body is the error body, and its description lists codes of its status. */
function errorProblems(document: OpenApiDocument, status: string, response: ResponseObject): string[] {
  const problems: string[] = [];
  const schema = jsonSchemaOf(response);
  const body = schema && resolve(document, schema);
  const bodyFields = ['code', 'message', 'requestId'];
  if (!body || !bodyFields.every((field) => body.properties?.[field] && body.required?.includes(field))) {
    problems.push(`${status} is not the error body {code, message, requestId}`);
  }
  const codes = response.description.split(/[\s,]+/).filter(Boolean);
  if (codes.length === 0) problems.push(`${status} names no error code`);
  for (const code of codes) {
    const mapped = (ERROR_HTTP_STATUS as Record<string, number>)[code];
    if (mapped === undefined) problems.push(`${status} names "${code}", which is not an error code`);
    else if (String(mapped) !== status) problems.push(`${status} names ${code}, which answers ${mapped}`);
  }
  return problems;
}

describe('the OpenAPI documents', () => {
  const env = useTestEnvironment();

  for (const kind of ['standard', 'pay'] as const) {
    const documentOf = async (): Promise<OpenApiDocument> => {
      const response = await (await env.app(kind)).http.get<OpenApiDocument>('/docs/openapi.json');
      expect(response.status).toBe(200);
      return response.body;
    };

    it(`OPS-1 the ${kind} app serves a valid OpenAPI 3 document at /docs/openapi.json`, async () => {
      const document = await documentOf();
      const validator = new Validator();
      const result = await validator.validate(document as unknown as Record<string, unknown>);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validator.version).toMatch(/^3\./);
    });

    it(`OPS-1 every operation of the ${kind} app documents its success answer with a JSON schema, or 204 with none`, async () => {
      const document = await documentOf();
      const operations = operationsOf(document);
      expect(operations.length).toBeGreaterThan(10);
      const problems = operations.flatMap(([name, operation]) => {
        const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
        if (successes.length === 0) return [`${name}: no 2xx answer`];
        return successes.flatMap(([status, response]) =>
          successProblems(document, status, response).map((problem) => `${name}: ${problem}`),
        );
      });
      expect(problems).toEqual([]);
    });

    it(`OPS-1 SEC-2 every operation of the ${kind} app documents its errors: error bodies listing codes of the closed map, each under its status`, async () => {
      const document = await documentOf();
      const problems = operationsOf(document).flatMap(([name, operation]) => {
        const errors = Object.entries(operation.responses).filter(([status]) => /^[45]\d\d$/.test(status));
        const own = [
          ...(errors.some(([status]) => status.startsWith('4')) ? [] : ['no 4xx answer']),
          ...(errors.some(([status]) => status === '400') ? [] : ['no 400 answer']),
          ...((operation.security ?? []).length > 0 && !errors.some(([status]) => status === '401')
            ? ['takes a token but has no 401']
            : []),
        ];
        const each = errors.flatMap(([status, response]) => errorProblems(document, status, response));
        return [...own, ...each].map((problem) => `${name}: ${problem}`);
      });
      expect(problems).toEqual([]);
    });
  }
});
