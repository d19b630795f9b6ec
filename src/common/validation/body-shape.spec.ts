import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import { checkBodyShape } from './body-shape.js';

class RegionDto {
  @IsInt()
  uid!: number;

  @IsOptional()
  @IsString()
  label?: string;
}

class LayoutDto {
  @IsOptional()
  @Type(() => RegionDto)
  @ValidateNested({ each: true })
  @IsArray()
  regions?: RegionDto[];

  @IsOptional()
  @IsString({ each: true })
  names?: string[];
}

describe('checkBodyShape in lists of nested objects', () => {
  it('passes a valid list through as it is (no copy)', () => {
    const body = { regions: [{ uid: 1 }, { uid: 2, label: 'host' }], names: ['a'] };
    const result = checkBodyShape(body, LayoutDto);
    expect(result.errors).toEqual([]);
    expect(result.body).toBe(body);
  });

  it('refuses a null item, naming its place', () => {
    const { errors } = checkBodyShape({ regions: [{ uid: 1 }, null] }, LayoutDto);
    expect(errors).toEqual([{ field: 'regions.1', message: 'regions.1 must not be null' }]);
  });

  it('refuses any undeclared field of an item, whatever its name (Object.prototype names included), and null fields', () => {
    const declared = new Set(['uid', 'label']);
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom('constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty'), fc.string({ minLength: 1, maxLength: 20 })),
        fc.nat({ max: 3 }),
        (name, at) => {
          fc.pre(!declared.has(name));
          const regions: Array<Record<string, unknown>> = Array.from({ length: 4 }, (_, uid) => ({ uid }));
          Object.defineProperty(regions[at], name, { value: 'x', enumerable: true, configurable: true, writable: true });
          const { errors, body } = checkBodyShape({ regions }, LayoutDto);
          expect(errors).toEqual([{ field: `regions.${at}.${name}`, message: `property ${name} should not exist` }]);
          // What the DTO sees has the field removed, and the caller's body is left as it was.
          expect(Object.keys((body.regions as object[])[at])).toEqual(['uid']);
          expect(Object.keys(regions[at])).toContain(name);
        },
      ),
    );
    expect(checkBodyShape({ regions: [{ uid: 1, label: null }] }, LayoutDto).errors).toEqual([
      { field: 'regions.0.label', message: 'regions.0.label must not be null; leave it out or send a value' },
    ]);
  });

  it('leaves lists of plain values to the DTO’s own rules', () => {
    expect(checkBodyShape({ names: ['a', null] }, LayoutDto).errors).toEqual([]);
  });
});
