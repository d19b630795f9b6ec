import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { FieldError } from '../problem/problem.types.js';

const NULL_MEANS_ABSENT = Symbol('nullMeansAbsent');

/**
 * Marks a request DTO whose `null` fields count as left out: the community servers decoded
 * JSON into Go structs and JavaScript variables, where `null` became the zero value, and their
 * clients send it. Every other DTO refuses `null` (see {@link checkBodyShape}).
 */
export function NullMeansAbsent(): ClassDecorator {
  return (target) => Reflect.defineMetadata(NULL_MEANS_ABSENT, true, target);
}

/** What a DTO declares: its fields, the DTO of each nested object field, and of each list of objects' items. */
interface Shape {
  fields: ReadonlyMap<string, Shape | undefined>;
  /** Fields that hold a list of nested objects (`ValidateNested({ each: true })`), with the items' shape. */
  lists: ReadonlyMap<string, Shape>;
  nullMeansAbsent: boolean;
}

export interface BodyShapeResult {
  /**
   * The body without the fields named in `errors` (and without null fields a DTO counts as absent):
   * the body itself when nothing is left out.
   */
  body: Record<string, unknown>;
  errors: FieldError[];
}

const shapes = new WeakMap<Type<unknown>, Shape>();

/**
 * The rules that judge a body's shape before class-validator sees it, at every depth:
 * - a field the DTO does not declare is refused, whatever its name: class-validator's whitelist
 *   looks names up in a plain object, so `constructor`, `toString` or `valueOf` passed it and
 *   were dropped silently;
 * - `null` is refused (no field of this API takes it), except where the DTO is
 *   {@link NullMeansAbsent}; an optional field is left out, never sent as null.
 */
export function checkBodyShape(body: Record<string, unknown>, dto: Type<unknown>): BodyShapeResult {
  const errors: FieldError[] = [];
  return { body: walk(body, shapeOf(dto), '', errors), errors };
}

/** The object as the DTO may see it: the same object when nothing is dropped (the usual case, no copy). */
function walk(object: Record<string, unknown>, shape: Shape, parent: string, errors: FieldError[]): Record<string, unknown> {
  let kept: Record<string, unknown> | undefined;
  const keys = Object.keys(object);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index];
    const value = object[key];
    let keep: unknown = value;
    let drop = false;
    if (!shape.fields.has(key)) {
      errors.push({ field: join(parent, key), message: `property ${key} should not exist` });
      drop = true;
    } else if (value === null) {
      if (!shape.nullMeansAbsent) errors.push({ field: join(parent, key), message: `${join(parent, key)} must not be null; leave it out or send a value` });
      drop = true;
    } else {
      const nested = shape.fields.get(key);
      const items = shape.lists.get(key);
      if (nested && isObject(value)) keep = walk(value, nested, join(parent, key), errors);
      else if (items && Array.isArray(value)) keep = walkList(value, items, shape.nullMeansAbsent, join(parent, key), errors);
    }
    if (!kept && (drop || keep !== value)) kept = copyOf(object, keys, index);
    if (kept && !drop) kept[key] = keep;
  }
  return kept ?? object;
}

/** A list of nested objects, item by item (`layout.0.uid`): a null item is refused, as a null field is. */
function walkList(list: unknown[], shape: Shape, nullMeansAbsent: boolean, field: string, errors: FieldError[]): unknown[] {
  let kept: unknown[] | undefined;
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    if (item === null && !nullMeansAbsent) errors.push({ field: join(field, String(index)), message: `${join(field, String(index))} must not be null` });
    const walked = isObject(item) ? walk(item, shape, join(field, String(index)), errors) : item;
    if (walked !== item) (kept ??= [...list])[index] = walked;
  }
  return kept ?? list;
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/** The first `count` fields of an object, in a fresh object. */
function copyOf(object: Record<string, unknown>, keys: string[], count: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) copy[keys[index]] = object[keys[index]];
  return copy;
}

function shapeOf(dto: Type<unknown>): Shape {
  let shape = shapes.get(dto);
  if (!shape) {
    const fields = new Map<string, Shape | undefined>();
    const lists = new Map<string, Shape>();
    shape = { fields, lists, nullMeansAbsent: Reflect.getMetadata(NULL_MEANS_ABSENT, dto) === true };
    shapes.set(dto, shape);
    for (const metadata of getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false)) {
      const name = metadata.propertyName;
      if (metadata.type === ValidationTypes.NESTED_VALIDATION && metadata.each) {
        fields.set(name, undefined);
        const items = itemType(dto, name);
        if (items) lists.set(name, shapeOf(items));
      } else if (metadata.type === ValidationTypes.NESTED_VALIDATION) {
        // The declared type of a nested DTO field, as TypeScript records it (emitDecoratorMetadata).
        const nested: unknown = Reflect.getMetadata('design:type', dto.prototype as object, name);
        fields.set(name, typeof nested === 'function' && nested !== Object ? shapeOf(nested as Type<unknown>) : undefined);
      } else if (!fields.has(name)) {
        fields.set(name, undefined);
      }
    }
  }
  return shape;
}

/**
 * The DTO of a list field's items, as its `@Type(() => Dto)` names it: class-transformer keeps that to itself, so it is
 * read back by transforming a one-item list (once per DTO and field, when the shape is first built).
 */
function itemType(dto: Type<unknown>, name: string): Type<unknown> | undefined {
  const probe = plainToInstance(dto, { [name]: [{}] }) as Record<string, unknown>;
  const item: unknown = (probe[name] as unknown[] | undefined)?.[0];
  const type = typeof item === 'object' && item !== null ? item.constructor : undefined;
  return type && type !== Object ? (type as Type<unknown>) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The body as Go's encoding/json would read it into the DTO (the fork's Gin `ShouldBindJSON`), at every depth: a key
 * names the field it spells exactly, else the first field it spells in any case (`subscribeAudioUIDs` is
 * `subscribeAudioUids`); a key naming no field is dropped, not refused; of two keys naming one field, the later wins.
 * Values are left as sent, for the DTO's rules to judge. A body that is not an object is returned as it is.
 */
export function readAsGoJson(body: unknown, dto: Type<unknown>): unknown {
  return isObject(body) ? goObject(body, shapeOf(dto)) : body;
}

function goObject(object: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  const read: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const field = goField(key, shape);
    if (field === undefined) continue;
    const nested = shape.fields.get(field);
    const items = shape.lists.get(field);
    if (nested && isObject(value)) read[field] = goObject(value, nested);
    else if (items && Array.isArray(value)) read[field] = value.map((item: unknown) => (isObject(item) ? goObject(item, items) : item));
    else read[field] = value;
  }
  return read;
}

/** The field a key names for encoding/json: the exact one, else the first whose name folds to the same letters. */
function goField(key: string, shape: Shape): string | undefined {
  if (shape.fields.has(key)) return key;
  const folded = fold(key);
  for (const field of shape.fields.keys()) if (fold(field) === folded) return field;
  return undefined;
}

/** Case folding as encoding/json compares names (the Kelvin sign is a k, the long s an s). */
function fold(name: string): string {
  return name.toUpperCase().toLowerCase();
}
