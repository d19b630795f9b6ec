import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsByteLength, IsNotEmptyObject, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CHANNEL_MAX_BYTES, CHANNEL_RULE, RTM_CHANNEL_PATTERN, USER_ID_MAX_BYTES } from '../../agora/agora.constants.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';
import { TokenFormatProperty, type TokenFormat } from '../../agora/dto/token-format.dto.js';
import { Excludes } from '../../common/validation/excludes.decorator.js';
import { RtmPermissionsDto } from './rtm-permissions.dto.js';

/** A request for an RTM (Signaling) token. */
export class CreateRtmTokenDto extends TokenRequestDto {
  /**
   * The Signaling user id to log in as, 1 to 64 bytes. An end user calling with a JWT logs in as their identity
   * (the only user id they may send); any other caller who leaves it out gets a fresh one (a random UUID),
   * returned as `userId`.
   * @example "alice"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, USER_ID_MAX_BYTES))
  @IsOptional()
  @IsByteLength(1, USER_ID_MAX_BYTES, { message: `$property must be 1 to ${USER_ID_MAX_BYTES} bytes` })
  @IsString()
  userId?: string;

  /**
   * A stream channel the user may also join and publish data in (its RTC side); `*` for any channel.
   * Same characters as an RTC channel.
   * @example "demo-room"
   */
  @ApiPropertyOptional({ ...byteLimitedSchema(1, CHANNEL_MAX_BYTES), pattern: RTM_CHANNEL_PATTERN.source })
  @IsOptional()
  @Matches(RTM_CHANNEL_PATTERN, { message: `${CHANNEL_RULE}, or be * for any channel` })
  @Length(1, CHANNEL_MAX_BYTES, { message: `$property must be 1 to ${CHANNEL_MAX_BYTES} bytes` })
  @IsString()
  channel?: string;

  /**
   * Limits the login to these resources (a Signaling token with channel permissions): read and write lists of
   * message channels, stream channels and users. Send `permissions` or `channel`, not both.
   */
  @IsOptional()
  @Excludes('channel')
  @Type(() => RtmPermissionsDto)
  @ValidateNested()
  @IsNotEmptyObject({ nullable: false }, { message: '$property must name messageChannels, streamChannels or users' })
  @IsObject()
  permissions?: RtmPermissionsDto;

  @TokenFormatProperty(['channel', 'permissions'])
  format?: TokenFormat;
}
