import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Length, Matches } from 'class-validator';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { CHANNEL_MAX_BYTES, CHANNEL_PATTERN, CHANNEL_RULE } from '../agora.constants.js';

/**
 * A field that names an RTC channel, whatever it is called (`channel`, the fork's `channelName`, `cname`): 1 to 63
 * bytes of Agora's channel characters, required unless `required: false`. Its description and example come from the
 * field's own comment (the Swagger plugin reads it), or `example`.
 *
 * @example
 * /** The channel to record. @example "demo-room" *\/
 * @ChannelName()
 * channel: string;
 */
export function ChannelName({ required = true, example }: { required?: boolean; example?: string } = {}): PropertyDecorator {
  // In the order stacked decorators would run (bottom first), so errors list their messages as before.
  return applyDecorators(
    required ? IsDefined({ message: '$property is required' }) : IsOptional(),
    IsString(),
    Length(1, CHANNEL_MAX_BYTES, { message: `$property must be 1 to ${CHANNEL_MAX_BYTES} bytes` }),
    Matches(CHANNEL_PATTERN, { message: CHANNEL_RULE }),
    ApiProperty({ ...byteLimitedSchema(1, CHANNEL_MAX_BYTES), pattern: CHANNEL_PATTERN.source, required, ...(example === undefined ? {} : { example }) }),
  );
}
