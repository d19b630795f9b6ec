/**
 * Ways the OpenAPI document could lose what .spectral.yaml holds it to, each
 * applied everywhere it can be to a copy of the served document: the lint
 * spec checks that its rule then reports every site, so no fix can be undone
 * unnoticed.
 */

type Node = Record<string, unknown>;
type Document = Node & {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, Node> }> };
  servers?: unknown[];
};
interface Operation extends Node {
  security?: unknown[];
  parameters?: { schema?: Node }[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
}

export interface Regression {
  /** What is undone, in words. */
  name: string;
  /** The rule that must report it. */
  rule: string;
  /** Undoes it in `document` wherever it can, and says at how many sites. */
  apply: (document: Document) => number;
}

/** Every object in the document, with the key it is under. */
function* nodes(value: unknown, key = ''): Generator<[Node, string]> {
  if (typeof value !== 'object' || value === null) return;
  if (!Array.isArray(value)) yield [value as Node, key];
  for (const [childKey, child] of Object.entries(value)) yield* nodes(child, childKey);
}

function operations(document: Document): Operation[] {
  return Object.values(document.paths).flatMap((path) => Object.values(path));
}

/** The responses of `document`'s operations, those of routes that need a caller when `secured`. */
function responses(document: Document, statuses?: string[], secured?: boolean): { headers?: Record<string, unknown> }[] {
  return operations(document)
    .filter((operation) => secured === undefined || (operation.security?.length ?? 0) > 0 === secured)
    .flatMap((operation) => Object.entries(operation.responses))
    .filter(([status]) => !statuses || statuses.includes(status))
    .map(([, response]) => response);
}

/** Applies `change` to each of `targets`, counting them. */
function each<T>(targets: Iterable<T>, change: (target: T) => void): number {
  let count = 0;
  for (const target of targets) {
    change(target);
    count += 1;
  }
  return count;
}

function schemasOfType(document: Document, type: string): Node[] {
  return [...nodes(document)].filter(([node]) => node.type === type).map(([node]) => node);
}

function objectSchemas(document: Document, exceptProblem: boolean): Node[] {
  return [...nodes(document)]
    .filter(([node, key]) => node.type === 'object' && node.properties && !(exceptProblem && key === 'ProblemDto'))
    .map(([node]) => node);
}

function dropHeader(name: string, targets: { headers?: Record<string, unknown> }[]): number {
  return each(targets, (response) => delete response.headers?.[name]);
}

export const REGRESSIONS: Regression[] = [
  { name: 'integers typed number', rule: 'integers-not-numbers', apply: (d) => each(schemasOfType(d, 'integer'), (s) => (s.type = 'number')) },
  { name: 'integers without a maximum', rule: 'integers-bounded', apply: (d) => each(schemasOfType(d, 'integer'), (s) => delete s.maximum) },
  {
    name: 'objects not saying additionalProperties',
    rule: 'closed-objects-declared',
    apply: (d) => each(objectSchemas(d, false), (s) => delete s.additionalProperties),
  },
  {
    name: 'DTOs open to unknown fields',
    rule: 'closed-objects',
    apply: (d) => each(objectSchemas(d, true), (s) => (s.additionalProperties = true)),
  },
  {
    name: 'byte limits left out',
    rule: 'byte-limited-strings',
    apply: (d) =>
      each(
        [...nodes(d)].filter(([node]) => 'x-max-bytes' in node).map(([node]) => node),
        (s) => (delete s.maxLength, delete s['x-max-bytes']),
      ),
  },
  {
    name: 'parameters without a type',
    rule: 'parameters-typed',
    apply: (d) => each(operations(d).flatMap((o) => o.parameters ?? []), (p) => delete p.schema?.type),
  },
  { name: 'responses without X-Request-Id', rule: 'request-id-header', apply: (d) => dropHeader('X-Request-Id', responses(d)) },
  {
    name: 'token answers without X-RateLimit-Reset',
    rule: 'rate-limit-headers',
    apply: (d) => dropHeader('X-RateLimit-Reset', responses(d, ['200', '429'], true)),
  },
  { name: '429 and 503 without Retry-After', rule: 'retry-after-header', apply: (d) => dropHeader('Retry-After', responses(d, ['429', '503'])) },
  { name: '401 without WWW-Authenticate', rule: 'www-authenticate-header', apply: (d) => dropHeader('WWW-Authenticate', responses(d, ['401'])) },
  { name: 'tokens without Cache-Control', rule: 'token-not-cached', apply: (d) => dropHeader('Cache-Control', responses(d, ['200'], true)) },
  {
    name: 'public routes asking for a caller',
    rule: 'public-routes-open',
    apply: (d) => each(operations(d).filter((o) => o.security?.length === 0), (o) => (o.security = [{ 'api-key': [] }])),
  },
  { name: 'operations not saying their security', rule: 'operation-security-declared', apply: (d) => each(operations(d), (o) => delete o.security) },
  { name: 'no servers', rule: 'oas3-api-servers', apply: (d) => each([d], (doc) => (doc.servers = [])) },
  {
    name: '/v1 request fields saying nullable',
    rule: 'no-nullable',
    apply: (d) =>
      each(
        Object.entries(d.components.schemas)
          .filter(([name]) => /^Create\w+TokenDto$/.test(name))
          .flatMap(([, schema]) => Object.values(schema.properties ?? {})),
        (s) => (s.nullable = true),
      ),
  },
];
