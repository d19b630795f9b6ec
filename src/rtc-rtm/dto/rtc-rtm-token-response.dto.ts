import { ApiProperty } from '@nestjs/swagger';
import { AGORA_MAX_EXPIRE_SECONDS, USER_ID_MAX_BYTES } from '../../agora/agora.constants.js';
import { byteLimitedSchema, integerSchema } from '../../common/http/api-schema.options.js';
import { RtcTokenResponseDto } from '../../rtc/dto/rtc-token-response.dto.js';

/** An issued token holding RTC and Signaling (RTM): the RTC fields, and the Signaling login. */
export class RtcRtmTokenResponseDto extends RtcTokenResponseDto {
  /**
   * The Signaling user id the token logs in.
   * @example "alice"
   */
  @ApiProperty(byteLimitedSchema(1, USER_ID_MAX_BYTES))
  rtmUserId: string;

  /**
   * How long the Signaling login is valid, in seconds from the issue time.
   * @example 3600
   */
  @ApiProperty(integerSchema(1, AGORA_MAX_EXPIRE_SECONDS))
  rtmExpireSeconds: number;
}
