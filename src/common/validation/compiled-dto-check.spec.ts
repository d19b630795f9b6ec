import type { Type } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, IsString } from 'class-validator';
import fc from 'fast-check';
import { CreateChatTokenDto } from '../../chat/dto/create-chat-token.dto.js';
import { CreateRtcTokenDto } from '../../rtc/dto/create-rtc-token.dto.js';
import { CreateRtmTokenDto } from '../../rtm/dto/create-rtm-token.dto.js';
import { ValidationProblemException } from '../problem/validation-problem.exception.js';
import { compileDtoCheck } from './compiled-dto-check.js';
import { RequestValidationPipe } from './request-validation.pipe.js';

const pipe = new RequestValidationPipe();

/** What class-validator (the pipe's full path) says about a body. */
async function classValidatorAccepts(dto: Type<unknown>, body: unknown): Promise<boolean> {
  try {
    await ValidationPipeOnly.transform(body, { type: 'body', metatype: dto });
    return true;
  } catch (error) {
    if (error instanceof ValidationProblemException) return false;
    throw error;
  }
}

/** The pipe with its compiled checks switched off: class-validator alone. */
class ClassValidatorOnlyPipe extends RequestValidationPipe {
  protected override checkFor(): undefined {
    return undefined;
  }
}
const ValidationPipeOnly = new ClassValidatorOnlyPipe();

// Values near every rule's edges, and of every JSON type.
const anyValue = fc.oneof(
  fc.constantFrom(0, 1, -1, 1.5, 86_401, 4_294_967_296, '', '42', 'owner', 'ü', 'x'.repeat(64), 'é'.repeat(40), 'a/b'),
  fc.constantFrom(null, true, [1], { joinChannel: 0 }, { joinChannel: '60' }, { publishAudio: 600 }, { joinChannel: 60, x: 1 }),
  fc.string({ maxLength: 70 }),
  fc.integer(),
);
// Mostly valid values, so that bodies the check accepts are common enough to test.
const VALID: Record<string, unknown[]> = {
  channel: ['room', 'a', 'room 1', 'x'.repeat(63), '*'],
  uid: [0, 1, 42, 4_294_967_295],
  account: ['alice', 'é'.repeat(40)],
  role: ['publisher', 'subscriber'],
  privileges: [{ joinChannel: 60 }, { joinChannel: 60, publishAudio: 600 }],
  expireSeconds: [1, 3600, 86_400],
  userId: ['alice', 'x'.repeat(64)],
};
const field = (name: string) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VALID[name]) }, { weight: 1, arbitrary: anyValue });
const bodyOf = (fields: string[]) => {
  const known = Object.fromEntries(fields.map((name) => [name, field(name)]));
  return fc.oneof(
    { weight: 9, arbitrary: fc.record(known, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.record({ ...known, other: anyValue }, { requiredKeys: ['other'] }) },
  );
};
const BODIES = new Map<Type<unknown>, ReturnType<typeof bodyOf>>([
  [CreateRtcTokenDto, bodyOf(['channel', 'uid', 'account', 'role', 'privileges', 'expireSeconds'])],
  [CreateRtmTokenDto, bodyOf(['userId', 'channel', 'expireSeconds'])],
  [CreateChatTokenDto, bodyOf(['userId', 'expireSeconds'])],
]);

describe('compileDtoCheck', () => {
  it.each([
    [CreateRtcTokenDto, { channel: 'room', uid: 42, role: 'publisher' }],
    [CreateRtcTokenDto, { channel: 'room', account: 'alice', expireSeconds: 600, privileges: { joinChannel: 600 } }],
    [CreateRtmTokenDto, { userId: 'alice', channel: '*' }],
    [CreateChatTokenDto, {}],
  ] as const)('accepts a valid %p body without class-validator', (dto, valid) => {
    expect(compileDtoCheck(dto)?.(valid)).toBe(true);
  });

  it.each([CreateRtcTokenDto, CreateRtmTokenDto, CreateChatTokenDto])(
    'never accepts a %p body that class-validator refuses',
    async (dto) => {
      const check = compileDtoCheck(dto)!;
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(BODIES.get(dto)!, async (candidate) => {
          if (!check(candidate)) return;
          accepted++;
          expect(await classValidatorAccepts(dto, candidate)).toBe(true);
        }),
        { numRuns: 3000 },
      );
      // The property means something only if the check said yes often enough.
      expect(accepted).toBeGreaterThan(20);
    },
  );

  it('refuses what the DTO does not declare, and bodies that are not plain objects', () => {
    const check = compileDtoCheck(CreateChatTokenDto)!;

    expect(check({ userId: 'a', extra: 1 })).toBe(false);
    expect(check([])).toBe(false);
    expect(check(null)).toBe(false);
    expect(check(Object.create({ userId: 'inherited' }))).toBe(false);
  });

  it('leaves DTOs with class-transformer transforms to the full path', () => {
    class Trimmed {
      @Transform(({ value }) => String(value).trim())
      @IsString()
      name: string;
    }
    class Plain {
      @IsInt()
      count: number;
    }

    expect(compileDtoCheck(Trimmed)).toBeUndefined();
    expect(compileDtoCheck(Plain)?.({ count: 1 })).toBe(true);
  });
});

describe('RequestValidationPipe', () => {
  it('passes a valid body on as sent, and refuses an invalid one with class-validator messages', async () => {
    const valid = { channel: 'room', uid: 7 };

    await expect(pipe.transform(valid, { type: 'body', metatype: CreateRtcTokenDto })).resolves.toBe(valid);
    await expect(pipe.transform({ channel: 'room', uid: 1.5 }, { type: 'body', metatype: CreateRtcTokenDto })).rejects.toMatchObject({
      errors: [{ field: 'uid', message: 'uid must be an integer number' }],
    });
  });

  it('accepts synchronously only what transform() passes on as sent, and leaves everything else to it', async () => {
    const body = { type: 'body', metatype: CreateRtcTokenDto } as const;
    const valid = { channel: 'room', uid: 7 };
    expect(pipe.acceptedAsSent(valid, body)).toBe(valid);
    // Refusals (null, an undeclared field, a broken rule), non-objects and other parameters are transform()'s to judge.
    for (const refused of [{ channel: 'room', uid: null }, { channel: 'room', constructor: 1 }, { channel: 'room', uid: 1.5 }, [valid], null]) {
      expect(pipe.acceptedAsSent(refused, body)).toBeUndefined();
      await expect(pipe.transform(refused, body)).rejects.toBeInstanceOf(ValidationProblemException);
    }
    expect(pipe.acceptedAsSent(valid, { type: 'query', metatype: CreateRtcTokenDto })).toBeUndefined();
  });
});
