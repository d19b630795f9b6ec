import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, ValidateBy } from 'class-validator';
import { isRecordingUid } from '../../recording/dto/uid-list.decorator.js';

/** Agora's word for "every user" in an update's subscribe list. */
export const ALL_USERS = 'all';
const UID_SCHEMA = { type: 'string', pattern: '^[1-9][0-9]{0,9}$', minLength: 1, maxLength: 10 } as const;

/**
 * A list of users whose audio is (or is not) transcribed: 1 to `max` uids, integers 1 to 4294967295 as strings, as
 * Agora's STT takes them (`all`, alone, when `all` is allowed: every user). Users who joined with a string account
 * cannot be named: their streams carry an integer uid the SDK assigned.
 */
export function AudioUids(description: string, max: number, all = false): PropertyDecorator {
  const what = `uids (integers 1 to 4294967295, as strings)${all ? ', or ["all"]' : ''}`;
  return applyDecorators(
    ApiPropertyOptional({
      description: `${description} 1 to ${max} ${what}.`,
      type: 'array',
      minItems: 1,
      maxItems: max,
      items: all ? { type: 'string', pattern: '^(all|[1-9][0-9]{0,9})$', minLength: 1, maxLength: 10 } : UID_SCHEMA,
      example: ['42'],
    }),
    IsOptional(),
    ValidateBy({
      name: 'audioUids',
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) && (value.every(isRecordingUid) || (all && value.length === 1 && value[0] === ALL_USERS)) && new Set(value).size === value.length,
        defaultMessage: (args) => `${args?.property} must list distinct ${what}`,
      },
    }),
    ArrayMaxSize(max, { message: `$property may list at most ${max} uids` }),
    ArrayMinSize(1, { message: '$property must list at least one uid' }),
    IsArray({ message: '$property must be an array' }),
  );
}
