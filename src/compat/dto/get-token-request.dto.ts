import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { ACCOUNT_MAX_BYTES, AGORA_MAX_EXPIRE_SECONDS, CHANNEL_MAX_BYTES } from '../../agora/agora.constants.js';
import { byteLimitedSchema, integerSchema } from '../../common/http/api-schema.options.js';
import { NullMeansAbsent } from '../../common/validation/body-shape.js';

const LEGACY_TOKEN_TYPES = ['rtc', 'rtm', 'chat'] as const;
type LegacyTokenType = (typeof LEGACY_TOKEN_TYPES)[number];

/**
 * agora-token-service's `POST /getToken` body. Only types are checked here;
 * what each field means for each token type is the mapping's business, and
 * the /v1 rules apply to the mapped request.
 */
@NullMeansAbsent()
export class GetTokenRequestDto {
  /**
   * Which token to issue.
   * @example "rtc"
   */
  @IsIn(LEGACY_TOKEN_TYPES)
  tokenType: LegacyTokenType;

  /**
   * `rtc`: the channel (required). `rtm`: a stream channel the token also covers, `*` for any.
   * @example "demo-room"
   */
  @ApiPropertyOptional({ ...byteLimitedSchema(0, CHANNEL_MAX_BYTES), nullable: true })
  @IsOptional()
  @IsString()
  channel?: string;

  /**
   * `rtc`: `publisher` publishes; anything else, or nothing, only joins.
   * @example "publisher"
   */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  role?: string;

  /**
   * A string. `rtc`: a decimal uid from 0 to 4294967295 ("0" = any user), anything else a user account (required).
   * `rtm`: the user id (required). `chat`: the user of a user token; omit it for an app token.
   * @example "42"
   */
  @ApiPropertyOptional({ ...byteLimitedSchema(0, ACCOUNT_MAX_BYTES), nullable: true })
  @IsOptional()
  @IsString()
  uid?: string;

  /**
   * Lifetime in seconds from now; missing or 0 means 3600 (TOKEN_DEFAULT_EXPIRE_SECONDS); at most 86400.
   * @example 3600
   */
  @ApiPropertyOptional({ ...integerSchema(0, AGORA_MAX_EXPIRE_SECONDS), nullable: true })
  @IsOptional()
  // Bottom-up: the type is checked (and named in the refusal) before the range, as every DTO here does.
  @Min(0)
  @IsInt()
  expire?: number;
}
