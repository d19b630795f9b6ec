import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { allowed, refused, resolve, schemaValidator, type OpenApiDocument, type Operation, type Schema } from './support/openapi-schemas.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_ID } from './support/test-credentials.js';

/** A request field the document describes: its path in the body, its schema, and a body it can be set in. */
interface Field {
  path: string;
  schema: Schema;
  base: Record<string, unknown>;
}

/**
 * The OpenAPI document describes what the service does, checked against the
 * service itself: for every field of every /v1 token request, values the
 * document allows get a 200 whose body and headers the document describes,
 * and values it refuses (null, out of range, fractional, past the byte limit)
 * get a 400 problem naming the field. (Ajv validates the answers, as a
 * validating proxy would.) The fields that choose a project take, of the
 * well-formed values, only those of a configured project, as they document.
 */
describe('The OpenAPI document matches the service (e2e, property)', () => {
  let app: NestFastifyApplication;
  let document: OpenApiDocument;
  let validator: ReturnType<typeof schemaValidator>;

  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000000' });
    document = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
    validator = schemaValidator(document);
  });
  afterAll(() => app.close());

  const V1 = ['/v1/rtc/token', '/v1/rtm/token', '/v1/chat/token'];

  /** The values a configured project gives the fields that choose one (the test app's one project). */
  const CONFIGURED: Record<string, fc.Arbitrary<string>> = {
    project: fc.constant('default'),
    appId: fc.constantFrom(TEST_APP_ID, TEST_APP_ID.toUpperCase()),
  };

  /** Asserts the answer is one the document describes for `status`: its body and every header it promises. */
  function expectDocumented(operation: Operation, status: string, response: LightMyRequestResponse): void {
    const documented = operation.responses[status];
    expect({ status: response.statusCode, body: response.json<unknown>() }).toMatchObject({ status: Number(status) });
    const contentType = String(response.headers['content-type']).split(';')[0];
    const validate = validator(documented.content?.[contentType]?.schema ?? { not: {} } as Schema);
    expect({ body: response.json<unknown>(), errors: validate(response.json()) ? [] : validate.errors }).toMatchObject({ errors: [] });
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      const value = response.headers[name.toLowerCase()];
      if (value === undefined) {
        expect({ name, required: header.required ?? false }).toEqual({ name, required: false });
        continue;
      }
      const checkHeader = validator(header.schema);
      expect({ name, value, valid: checkHeader(header.schema.type === 'integer' ? Number(value) : value) }).toMatchObject({ valid: true });
    }
  }

  it.each(V1)('answers every documented example of POST %s as the document says', async (path) => {
    const operation = document.paths[path].post;
    const examples = Object.values(operation.requestBody?.content['application/json'].examples ?? {});

    expect(examples.length).toBeGreaterThan(0);
    for (const { value } of examples) expectDocumented(operation, '200', await post(path, value));
  });

  it.each(V1)('takes every value the document allows in each field of POST %s, and refuses those it does not', async (path) => {
    const operation = document.paths[path].post;
    const fields = fieldsOf(operation);

    expect(fields.length).toBeGreaterThan(1);
    for (const { path: field, schema, base } of fields) {
      await fc.assert(
        fc.asyncProperty(CONFIGURED[field] ?? allowed(schema), async (value) => {
          expectDocumented(operation, '200', await post(path, withField(base, field, value)));
        }),
        { numRuns: 15, endOnFailure: true },
      );
      if (CONFIGURED[field]) {
        // Well-formed, but no configured project's: a 400 naming the field, as the document says.
        await fc.assert(
          fc.asyncProperty(allowed(schema), async (value) => {
            fc.pre(value !== 'default' && String(value).toLowerCase() !== TEST_APP_ID);
            const response = await post(path, withField(base, field, value));
            expectDocumented(operation, '400', response);
            expect(response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toEqual([field]);
          }),
          { numRuns: 15, endOnFailure: true },
        );
      }
      await fc.assert(
        fc.asyncProperty(refused(schema), async (value) => {
          const response = await post(path, withField(base, field, value));
          expectDocumented(operation, '400', response);
          expect(response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toContain(field);
        }),
        { numRuns: 15, endOnFailure: true },
      );
    }
  });

  function post(url: string, payload: unknown): Promise<LightMyRequestResponse> {
    return app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
  }

  /** Each scalar field of the operation's request schema, nested objects' fields included, with an example to set it in. */
  function fieldsOf(operation: Operation): Field[] {
    const body = operation.requestBody?.content['application/json'];
    const examples = Object.values(body?.examples ?? {}).map(({ value }) => value);
    const walk = (schema: Schema, prefix: string): Field[] =>
      Object.entries(resolve(document, schema).properties ?? {}).flatMap(([name, property]) => {
        const path = `${prefix}${name}`;
        const target = resolve(document, property);
        if (target.properties) return walk(target, `${path}.`);
        const top = path.split('.')[0];
        return [{ path, schema: target, base: examples.find((example) => top in example) ?? examples[0] }];
      });
    return walk(body?.schema ?? {}, '');
  }
});

/** A copy of `body` with the field at `path` (dotted) set to `value`. */
function withField(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
  target[keys[keys.length - 1]] = value;
  return copy;
}
