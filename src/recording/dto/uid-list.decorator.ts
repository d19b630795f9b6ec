import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, ValidateBy, type ValidationOptions } from 'class-validator';
import { UINT32_MAX } from '../../agora/agora.constants.js';

/** Every user of the channel, in a subscription list. */
export const ALL_STREAMS = '#allstream#';
/** Agora's limit on each subscription list. */
export const UID_LIST_MAX = 32;
/** A user uid's schema: cloud recording takes integer uids only, as strings. */
export const USER_UID_SCHEMA = { type: 'string', pattern: '^[1-9][0-9]{0,9}$', minLength: 1, maxLength: 10, 'x-max-bytes': 10 } as const;

/** Whether `value` is a uid as cloud recording takes it: an integer 1 to 4294967295, in a string. */
export function isRecordingUid(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= UINT32_MAX;
}

/** A user's uid: an integer 1 to 4294967295 in a string (`allStreams`: or `#allstream#`). */
export function IsRecordingUid(allStreams = false, options?: ValidationOptions): PropertyDecorator {
  const what = allStreams ? 'uids (integers 1 to 4294967295, as strings) or #allstream#' : 'a uid (an integer 1 to 4294967295, as a string)';
  return ValidateBy(
    {
      name: 'isRecordingUid',
      validator: {
        validate: (value) => isRecordingUid(value) || (allStreams && value === ALL_STREAMS),
        defaultMessage: (args) => `${args?.property} must be ${options?.each ? 'a list of ' : ''}${what}`,
      },
    },
    options,
  );
}

/** A subscription list: 1 to 32 uids (integers as strings, 1 to 4294967295) or `#allstream#`. */
export function UidList(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: `${description} 1 to ${UID_LIST_MAX} uids (integers 1 to 4294967295, as strings), or \`${ALL_STREAMS}\` for every user.`,
      type: 'array',
      minItems: 1,
      maxItems: UID_LIST_MAX,
      items: { type: 'string', pattern: `^(${ALL_STREAMS}|[1-9][0-9]{0,9})$`, minLength: 1, maxLength: 11 },
      example: [ALL_STREAMS],
    }),
    IsOptional(),
    IsRecordingUid(true, { each: true }),
    ArrayMaxSize(UID_LIST_MAX, { message: `$property may list at most ${UID_LIST_MAX} uids` }),
    ArrayMinSize(1, { message: '$property must list at least one uid' }),
    IsArray({ message: '$property must be an array' }),
  );
}
