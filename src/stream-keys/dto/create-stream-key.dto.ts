import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsByteLength, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ACCOUNT_MAX_BYTES, CHANNEL_CHARACTERS, CHANNEL_PATTERN, UINT32_MAX } from '../../agora/agora.constants.js';
import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';
import { MEDIA_REGIONS, type MediaRegion } from '../../agora-services/media-region.config.js';
import { byteLimitedSchema, integerSchema } from '../../common/http/api-schema.options.js';
import { Excludes } from '../../common/validation/excludes.decorator.js';
import { MAX_EXPIRES_AFTER_SECONDS } from '../stream-key.rules.js';
import { ChannelName } from '../../agora/dto/channel-name.decorator.js';

/** A request for a Media Gateway stream key: who publishes into which channel, for how long. */
export class CreateStreamKeyDto extends PickType(TokenRequestDto, ['project', 'appId'] as const) {
  /**
   * The channel the stream is published into: 1 to 63 bytes of Agora's channel characters.
   * @example "live-stage"
   */
  @ChannelName()
  channel: string;

  /**
   * The numeric uid the stream publishes as, 1 to 4294967295. Send `uid` or `account` (one is required, but for end
   * users, whose identity `account` defaults to); each stream into one channel needs its own.
   * @example 4242
   */
  @ApiPropertyOptional(integerSchema(1, UINT32_MAX))
  @IsOptional()
  @Excludes('account')
  @Max(UINT32_MAX)
  @Min(1)
  @IsInt()
  uid?: number;

  /**
   * The string account the stream publishes as: 1 to 255 bytes of Agora's channel characters. Agora reads an account of
   * digits alone, up to 4294967295, as that numeric uid. End users (JWT) may name only their own identity, the default.
   * @example "stage-camera-1"
   */
  @ApiPropertyOptional({ ...byteLimitedSchema(1, ACCOUNT_MAX_BYTES), pattern: CHANNEL_PATTERN.source })
  @IsOptional()
  @Matches(CHANNEL_PATTERN, { message: `$property may use only ${CHANNEL_CHARACTERS}` })
  @IsByteLength(1, ACCOUNT_MAX_BYTES, { message: `$property must be 1 to ${ACCOUNT_MAX_BYTES} bytes` })
  @IsString()
  account?: string;

  /**
   * How long the key is valid, in seconds from its creation; `0` never expires. End users and callers without
   * credentials get at most TOKEN_MAX_EXPIRE_SECONDS and never 0; an API key at most its `maxExpireSeconds`, and 0 only
   * without one (403, rule `maxExpireSeconds`).
   * @example 86400
   */
  @ApiProperty(integerSchema(0, MAX_EXPIRES_AFTER_SECONDS))
  @Max(MAX_EXPIRES_AFTER_SECONDS)
  @Min(0)
  @IsInt()
  @IsDefined({ message: '$property is required' })
  expiresAfterSeconds: number;

  /**
   * Agora's region for the key (`na`, `eu`, `ap` or `cn`); the stream must be sent to that region's ingest domain.
   * Defaults to AGORA_MEDIA_REGION.
   */
  @ApiPropertyOptional({ enum: MEDIA_REGIONS, example: 'eu' })
  @IsOptional()
  @IsIn(MEDIA_REGIONS, { message: `$property must be one of ${MEDIA_REGIONS.join(', ')}` })
  region?: MediaRegion;
}
