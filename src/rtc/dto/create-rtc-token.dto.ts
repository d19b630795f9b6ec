import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsByteLength,
  IsDefined,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ACCOUNT_MAX_BYTES, CHANNEL_MAX_BYTES, CHANNEL_PATTERN, CHANNEL_RULE, UINT32_MAX } from '../../agora/agora.constants.js';
import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';
import { TokenFormatProperty, type TokenFormat } from '../../agora/dto/token-format.dto.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';
import { Excludes } from '../../common/validation/excludes.decorator.js';
import { RtcPrivilegesDto } from './rtc-privileges.dto.js';
import { RtcRole } from '../../agora/rtc-role.enum.js';

/** A request for an RTC (video/voice) token. */
export class CreateRtcTokenDto extends TokenRequestDto {
  /**
   * The channel to join: 1 to 63 bytes of a–z A–Z 0–9 space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,
   * @example "demo-room"
   */
  @ApiProperty({ ...byteLimitedSchema(1, CHANNEL_MAX_BYTES), pattern: CHANNEL_PATTERN.source })
  @Matches(CHANNEL_PATTERN, { message: CHANNEL_RULE })
  @Length(1, CHANNEL_MAX_BYTES, { message: `$property must be 1 to ${CHANNEL_MAX_BYTES} bytes` })
  @IsString()
  @IsDefined({ message: '$property is required' })
  channel: string;

  /**
   * Numeric user id, 0 to 4294967295; 0 lets any user join with the token.
   * Send `uid` or `account`, not both; with neither, the service picks a random uid and returns it.
   * End users calling with a JWT may send only their own identity, as `uid` when it is a number.
   * @example 42
   */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Excludes('account')
  @Max(UINT32_MAX)
  @Min(0)
  @IsInt()
  uid?: number;

  /**
   * String user account, 1 to 255 bytes. Send `uid` or `account`, not both. For end users calling with a
   * JWT, it must be their identity, and defaults to it.
   * @example "alice@example.com"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, ACCOUNT_MAX_BYTES))
  @IsOptional()
  @IsByteLength(1, ACCOUNT_MAX_BYTES, { message: `$property must be 1 to ${ACCOUNT_MAX_BYTES} bytes` })
  @IsString()
  account?: string;

  /**
   * `publisher` may join and publish audio, video and data; `subscriber` may join. Defaults to `subscriber`.
   * Send `role` or `privileges`, not both.
   */
  @IsOptional()
  @Excludes('privileges')
  @IsEnum(RtcRole)
  role?: RtcRole;

  /** Per-privilege lifetimes, instead of `role`. */
  @IsOptional()
  @Type(() => RtcPrivilegesDto)
  @ValidateNested()
  @IsObject()
  privileges?: RtcPrivilegesDto;

  @TokenFormatProperty()
  format?: TokenFormat;
}
