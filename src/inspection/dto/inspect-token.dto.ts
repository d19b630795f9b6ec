import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
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
}
