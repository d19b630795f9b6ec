import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The token formats the signer writes: `007` (AccessToken2, the default) and `006` (the legacy
 * AccessToken, for SDK releases that predate AccessToken2).
 */
export const TOKEN_FORMATS = ['007', '006'] as const;
export type TokenFormat = (typeof TOKEN_FORMATS)[number];

/**
 * Fails when the format is `006` and one of `fields` is sent: what the legacy AccessToken cannot carry
 * (one service per token, no Signaling permissions) is refused with a 400, never signed partly.
 */
export function LegacyFormatExcludes(fields: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'legacy-format-excludes',
      constraints: [fields],
      validator: {
        validate: (value, args) =>
          value !== '006' || fields.every((field) => (args?.object as Record<string, unknown>)[field] === undefined),
        defaultMessage: (args) => {
          const sent = fields.filter((field) => (args?.object as Record<string, unknown>)[field] !== undefined);
          return `format 006 cannot carry ${sent.join(' or ')}; leave ${sent.length > 1 ? 'them' : 'it'} out or use format 007`;
        },
      },
    },
    options,
  );
}

/**
 * The optional `format` of a token request: `007` unless asked. `excludes` are the request's fields a
 * 006 token cannot carry.
 *
 * @example
 * @TokenFormatProperty(['channel', 'permissions'])
 * format?: TokenFormat;
 */
export function TokenFormatProperty(excludes: readonly string[] = []): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      enum: TOKEN_FORMATS,
      default: '007',
      example: '007',
      description:
        '`007` (AccessToken2, the default) or `006`: the legacy AccessToken, only for apps on SDK releases that ' +
        'predate AccessToken2 (see the README).' +
        (excludes.length ? ` A 006 token cannot carry ${excludes.join(' or ')}.` : ''),
    }),
    IsOptional(),
    ...(excludes.length ? [LegacyFormatExcludes(excludes)] : []),
    IsIn(TOKEN_FORMATS, { message: `$property must be one of ${TOKEN_FORMATS.join(', ')}` }),
  );
}
