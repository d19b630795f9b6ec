import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * An Agora language code as STT takes it (`en-US`, `zh-CN`, `ja-JP`): a 2 or 3 letter language, then up to two
 * subtags. Which codes Agora supports changes with its models; a code it does not know is its 400 (a 502 here).
 */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;
export const LANGUAGE_SCHEMA = { type: 'string', pattern: LANGUAGE_PATTERN.source, minLength: 2, maxLength: 21, example: 'en-US' } as const;
const RULE = 'language codes such as en-US (a language, then up to two subtags)';

/** A list of 1 to `max` distinct language codes (required unless `optional`). */
export function LanguageList(description: string, max: number, optional = false): PropertyDecorator {
  const schema = { description, type: 'array' as const, minItems: 1, maxItems: max, uniqueItems: true, items: LANGUAGE_SCHEMA, example: ['en-US'] };
  return applyDecorators(
    optional ? ApiPropertyOptional(schema) : ApiProperty(schema),
    optional ? IsOptional() : IsDefined({ message: '$property is required' }),
    Matches(LANGUAGE_PATTERN, { each: true, message: `$property must list ${RULE}` }),
    MaxLength(21, { each: true, message: `$property must list ${RULE}` }),
    IsString({ each: true, message: `$property must list ${RULE}` }),
    ArrayUnique({ message: '$property must not repeat a language' }),
    ArrayMaxSize(max, { message: `$property may list at most ${max} languages` }),
    ArrayMinSize(1, { message: '$property must list at least one language' }),
    IsArray({ message: '$property must be an array' }),
  );
}

/** One language code (required). */
export function Language(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ ...LANGUAGE_SCHEMA, description }),
    Matches(LANGUAGE_PATTERN, { message: `$property must be one of the ${RULE}` }),
    MaxLength(21, { message: `$property must be one of the ${RULE}` }),
    IsString({ message: `$property must be one of the ${RULE}` }),
    IsDefined({ message: '$property is required' }),
  );
}
