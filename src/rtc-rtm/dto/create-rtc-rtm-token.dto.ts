import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsByteLength, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { AGORA_MAX_EXPIRE_SECONDS, USER_ID_MAX_BYTES } from '../../agora/agora.constants.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { CreateRtcTokenDto } from '../../rtc/dto/create-rtc-token.dto.js';

/**
 * A request for one token holding RTC and Signaling (RTM): an RTC request (channel, uid or account,
 * role or privileges, with the same rules) plus the Signaling user and how long it may log in.
 */
export class CreateRtcRtmTokenDto extends CreateRtcTokenDto {
  /**
   * The Signaling user id to log in as, 1 to 64 bytes. Defaults to the RTC user (the account, or the uid
   * in decimal), as agora-token's `buildTokenWithRtm` does; send it when the two differ (`buildTokenWithRtm2`).
   * Required with uid 0, which names no user. For end users calling with a JWT, it must be their identity.
   * @example "alice"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, USER_ID_MAX_BYTES))
  @IsOptional()
  @IsByteLength(1, USER_ID_MAX_BYTES, { message: `$property must be 1 to ${USER_ID_MAX_BYTES} bytes` })
  @IsString()
  rtmUserId?: string;

  /**
   * How long the Signaling login is valid, in seconds from now. Defaults to the token's `expireSeconds`;
   * the whole token still ends at `expireSeconds`.
   * @example 3600
   */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Max(AGORA_MAX_EXPIRE_SECONDS)
  @Min(1)
  @IsInt()
  rtmExpireSeconds?: number;

  // Redeclared from the RTC request, which also takes `006`: this token is AccessToken2 only, and says so.
  @ApiPropertyOptional({
    enum: ['007'],
    default: '007',
    example: '007',
    description: 'Only `007` (AccessToken2): a legacy 006 token holds one service, and this token holds two or more.',
  })
  @IsOptional()
  @IsIn(['007'], { message: '$property must be 007: a 006 token holds one service, and this token holds two or more' })
  declare format?: '007';
}
