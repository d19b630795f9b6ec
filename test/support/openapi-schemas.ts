import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';

/** The parts of an OpenAPI schema object the contract spec reads. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  $ref?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  nullable?: boolean;
  'x-max-bytes'?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  requestBody?: { content: Record<string, { schema: Schema; examples?: Record<string, { value: Record<string, unknown> }> }> };
  responses: Record<string, { headers?: Record<string, { required?: boolean; schema: Schema }>; content?: Record<string, { schema: Schema }> }>;
}

/**
 * Validates values against the document's schemas with Ajv (OpenAPI 3.0
 * schemas are JSON Schema for what this service uses), `x-max-bytes`
 * included: a string's UTF-8 length.
 */
export function schemaValidator(document: OpenApiDocument): (schema: Schema) => ValidateFunction {
  // Not strict: OpenAPI's `example` is no JSON Schema keyword.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: 'x-max-bytes',
    type: 'string',
    schemaType: 'number',
    validate: (maxBytes: number, value: string) => Buffer.byteLength(value) <= maxBytes,
  });
  // Refs are `#/components/schemas/…`: each compiled schema carries the components to resolve them in. Compiled once
  // per schema object: Ajv's own cache would serialize the whole components section (a megabyte) on every call.
  const compiled = new WeakMap<Schema, ValidateFunction>();
  return (schema) => {
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = ajv.compile({ ...schema, components: document.components })));
    return validate;
  };
}

/** The schema `schema` stands for: through a `$ref` or a one-item `allOf` (a property's description beside a ref). */
export function resolve(document: OpenApiDocument, schema: Schema): Schema {
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  return ref ? resolve(document, document.components.schemas[ref.replace('#/components/schemas/', '')]) : schema;
}

/** Characters of 1 to 4 UTF-8 bytes, so strings reach a byte limit before a character limit. */
const CHARACTER = fc.constantFrom('a', 'Z', '7', '-', '_', '.', '@', 'é', 'ß', '€', '中', '😀');

/** Values the schema allows, for the kinds of field the token requests have: up to their limits. */
export function allowed(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.type === 'integer') return wholeNumber(schema.minimum ?? Number.MIN_SAFE_INTEGER, schema.maximum ?? Number.MAX_SAFE_INTEGER);
  const { minLength = 0, maxLength } = schema;
  if (schema.type === 'string' && schema.pattern) {
    const matching = (size: fc.SizeForArbitrary) => fc.stringMatching(new RegExp(schema.pattern ?? ''), { maxLength, size });
    // 'max': as long as allowed too, not only the short strings fast-check favours.
    return fc.oneof(matching('small'), matching('max')).filter((s) => s.length >= minLength);
  }
  if (schema.type === 'string') {
    const maxBytes = schema['x-max-bytes'] ?? maxLength ?? 64;
    const characters = (size: fc.SizeForArbitrary) => fc.array(CHARACTER, { minLength, maxLength: maxBytes, size });
    return fc
      .oneof(characters('small'), characters('max'))
      .map((chosen) => prefixWithin(chosen, maxBytes))
      .filter((s) => [...s].length >= minLength);
  }
  if (schema.type === 'array' && schema.items) {
    const { minItems: minLength = 0, maxItems: maxLength } = schema;
    return schema.uniqueItems ? fc.uniqueArray(allowed(schema.items), { minLength, maxLength }) : fc.array(allowed(schema.items), { minLength, maxLength });
  }
  throw new Error(`No generator for ${JSON.stringify(schema)}`);
}

/** The longest run of `characters`, from the first, that fits in `maxBytes` UTF-8 bytes. */
function prefixWithin(characters: string[], maxBytes: number): string {
  let text = '';
  for (const character of characters) {
    if (Buffer.byteLength(text + character) > maxBytes) break;
    text += character;
  }
  return text;
}

/**
 * Values the schema refuses: null where it does not say nullable, whole numbers out of range,
 * fractions, strings past their byte limit.
 */
export function refused(schema: Schema): fc.Arbitrary<unknown> {
  const kinds: fc.Arbitrary<unknown>[] = schema.nullable ? [] : [fc.constant(null)];
  if (schema.type === 'integer') {
    const { minimum = Number.MIN_SAFE_INTEGER, maximum = Number.MAX_SAFE_INTEGER } = schema;
    kinds.push(
      wholeNumber(Number.MIN_SAFE_INTEGER, minimum - 1),
      wholeNumber(maximum + 1, Number.MAX_SAFE_INTEGER),
      fc.double({ min: minimum, max: maximum, noNaN: true }).filter((n) => !Number.isInteger(n)),
    );
  }
  const maxBytes = schema['x-max-bytes'];
  if (schema.type === 'string' && maxBytes !== undefined) {
    kinds.push(
      fc
        .array(CHARACTER, { minLength: Math.ceil(maxBytes / 4), maxLength: maxBytes + 1 })
        .map((characters) => characters.join(''))
        .filter((s) => Buffer.byteLength(s) > maxBytes),
    );
  }
  if (schema.type === 'array' && schema.items) {
    // A refused item among allowed ones; one item past maxItems.
    const { items, maxItems } = schema;
    kinds.push(fc.tuple(refused(items), allowed({ ...schema, maxItems: Math.max(0, (maxItems ?? 1) - 1) })).map(([bad, good]) => [...(good as unknown[]), bad]));
    if (maxItems !== undefined) kinds.push(fc.uniqueArray(allowed(items), { minLength: maxItems + 1, maxLength: maxItems + 1 }));
  }
  if (kinds.length === 0) throw new Error(`Nothing to refuse in ${JSON.stringify(schema)}`);
  return fc.oneof(...kinds);
}

/** Whole numbers from `min` to `max`, past 32 bits too (fc.integer stops there). */
function wholeNumber(min: number, max: number): fc.Arbitrary<number> {
  return fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
}
