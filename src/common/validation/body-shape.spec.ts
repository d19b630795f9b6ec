import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import { checkBodyShape, readAsGoJson } from './body-shape.js';

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

class ViewDto {
  @IsInt()
  rtcStreamUid!: number;
}

class VideoDto {
  @IsOptional()
  @IsInt()
  frameRate?: number;

  @IsOptional()
  @Type(() => ViewDto)
  @ValidateNested({ each: true })
  @IsArray()
  layout?: ViewDto[];
}

class StartDto {
  @IsString()
  channelName!: string;

  @IsOptional()
  @IsString({ each: true })
  subscribeAudioUids?: string[];

  @IsOptional()
  @Type(() => VideoDto)
  @ValidateNested()
  videoOptions?: VideoDto;

  /** Two fields one letter-case apart: a key spelling one exactly names that one. */
  @IsOptional()
  @IsString()
  uid?: string;

  @IsOptional()
  @IsString()
  UID?: string;
}

/** Any casing of a name (the same letters, each upper or lower). */
const casingOf = (name: string) =>
  fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((upper) => [...name].map((char, index) => (upper[index] ? char.toUpperCase() : char.toLowerCase())).join(''));
/** A key no field of StartDto, VideoDto or ViewDto spells in any case. */
const unknownKey = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((key) => !['channelname', 'subscribeaudiouids', 'videooptions', 'uid', 'framerate', 'layout', 'rtcstreamuid'].includes(key.toUpperCase().toLowerCase()));

describe('readAsGoJson (the Go fork’s encoding/json reading of a body)', () => {
  it('maps any casing of a known key to its field, at every depth, and drops unknown keys', () => {
    fc.assert(
      fc.property(
        casingOf('channelName'),
        casingOf('subscribeAudioUids'),
        casingOf('videoOptions'),
        casingOf('frameRate'),
        casingOf('layout'),
        casingOf('rtcStreamUid'),
        fc.dictionary(unknownKey, fc.jsonValue(), { maxKeys: 3 }),
        (channel, subscribe, video, frameRate, layout, uid, unknown) => {
          const body = {
            ...unknown,
            [channel]: 'room',
            [subscribe]: ['1', '2'],
            [video]: { [frameRate]: 15, [layout]: [{ [uid]: 7, ...unknown }], ...unknown },
          };
          expect(readAsGoJson(body, StartDto)).toEqual({
            channelName: 'room',
            subscribeAudioUids: ['1', '2'],
            videoOptions: { frameRate: 15, layout: [{ rtcStreamUid: 7 }] },
          });
        },
      ),
    );
  });

  it('prefers the exact field, and leaves values (even wrong ones) for the DTO’s rules', () => {
    expect(readAsGoJson({ UID: 'b', uid: 'a' }, StartDto)).toEqual({ uid: 'a', UID: 'b' });
    // No exact field: the first declared one it spells in any case.
    expect(readAsGoJson({ Uid: 'c' }, StartDto)).toEqual({ uid: 'c' });
    expect(readAsGoJson({ CHANNELNAME: 42, videoOptions: 'x', subscribeAudioUIDs: null }, StartDto)).toEqual({ channelName: 42, videoOptions: 'x', subscribeAudioUids: null });
  });

  it('lets the later of two keys naming one field win, as encoding/json does', () => {
    expect(readAsGoJson({ channelName: 'a', CHANNELNAME: 'b' }, StartDto)).toEqual({ channelName: 'b' });
  });

  it('leaves a body that is not an object as it is (the pipe refuses it)', () => {
    for (const body of [null, [1], 'text', 3, undefined]) expect(readAsGoJson(body, StartDto)).toBe(body);
  });
});
