import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsByteLength, IsOptional, IsString, Length } from 'class-validator';
import { ACCOUNT_MAX_BYTES, CHANNEL_MAX_BYTES } from '../../agora/agora.constants.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { INSPECT_EXAMPLES } from '../inspection.examples.js';

/** The longest token inspected: far above any real one (an RTC+RTM token is about 250 characters). */
export const TOKEN_MAX_LENGTH = 8192;

/** A request to explain a token. */
export class InspectTokenDto {
  /**
   * The token to inspect: an AccessToken2 (`007…`) or a legacy AccessToken (`006…`), from this
   * service or any other server. It is never returned or logged.
   */
  @ApiProperty({ type: 'string', minLength: 1, maxLength: TOKEN_MAX_LENGTH, example: INSPECT_EXAMPLES.rtc.value.token })
  @Length(1, TOKEN_MAX_LENGTH, { message: `$property must be 1 to ${TOKEN_MAX_LENGTH} characters` })
  @IsString()
  token: string;

  /**
   * For a `006` token only (it holds just a checksum of it): the channel it should be for, so its signature can be
   * checked. A `007` token holds its channel.
   * @example "demo-room"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  @IsOptional()
  @IsByteLength(1, CHANNEL_MAX_BYTES, { message: `$property must be 1 to ${CHANNEL_MAX_BYTES} bytes` })
  @IsString()
  channel?: string;

  /**
   * For a `006` token only: the uid (digits) or account it should be for, with `channel`; alone, the user id of a
   * Signaling token.
   * @example "42"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, ACCOUNT_MAX_BYTES))
  @IsOptional()
  @IsByteLength(1, ACCOUNT_MAX_BYTES, { message: `$property must be 1 to ${ACCOUNT_MAX_BYTES} bytes` })
  @IsString()
  user?: string;
}
