import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsByteLength, IsDefined, IsIn, IsInt, IsIP, IsOptional, IsString, Matches, Max, Min, NotEquals } from 'class-validator';
import { ACCOUNT_MAX_BYTES, CHANNEL_PATTERN, CHANNEL_RULE, UINT32_MAX } from '../../agora/agora.constants.js';
import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';
import { MEDIA_REGIONS, type MediaRegion } from '../../agora-services/media-region.config.js';
import { byteLimitedSchema, integerSchema } from '../../common/http/api-schema.options.js';
import { Excludes } from '../../common/validation/excludes.decorator.js';
import { OptionalObject } from '../../common/validation/optional-object.decorator.js';
import { IsStreamUrl, STREAM_URL_MAX_BYTES, STREAM_URL_PATTERN } from '../stream-url.rule.js';
import { PlayerAudioOptionsDto, PlayerVideoOptionsDto } from './player-options.dto.js';
import { ChannelName } from '../../agora/dto/channel-name.decorator.js';

/** A request to play an online stream into a channel with Agora's cloud player. */
export class CreatePlayerDto extends PickType(TokenRequestDto, ['project', 'appId'] as const) {
  /**
   * The channel the player publishes in: 1 to 63 bytes of Agora's channel characters.
   * @example "demo-room"
   */
  @ChannelName()
  channel: string;

  /**
   * The stream to play: an RTMP, HTTP or HTTPS URL (FLV, MP4, MPEG-TS, MKV, HLS; or a JPEG or PNG image), at most
   * 1024 bytes. It may carry credentials (`rtmp://user:password@…`, a signed query): they go to Agora only, and no
   * answer, problem or log line repeats the URL.
   * @example "https://media.example.com/live/show.flv"
   */
  @ApiProperty({ type: 'string', minLength: 8, maxLength: STREAM_URL_MAX_BYTES, pattern: STREAM_URL_PATTERN })
  @IsStreamUrl()
  @IsDefined({ message: '$property is required' })
  streamUrl: string;

  /**
   * The player's numeric uid in the channel, 1 to 4294967295. Send `uid` or `account`, not both; with neither, the
   * service picks a random uid (end users: their own identity, as `account`). Its token is for exactly this user.
   * @example 1001
   */
  @ApiPropertyOptional(integerSchema(1, UINT32_MAX))
  @IsOptional()
  @Excludes('account')
  @NotEquals(0, { message: '$property must not be 0: the player needs a uid of its own, and a token for uid 0 would let anyone join' })
  @Max(UINT32_MAX)
  @Min(0)
  @IsInt()
  uid?: number;

  /**
   * The player's string account in the channel, 1 to 255 bytes of Agora's account characters (those of channel
   * names). End users calling with a JWT: it must be their identity, and defaults to it.
   * @example "stream-bot"
   */
  @ApiPropertyOptional({ ...byteLimitedSchema(1, ACCOUNT_MAX_BYTES), pattern: CHANNEL_PATTERN.source })
  @IsOptional()
  @Matches(CHANNEL_PATTERN, { message: CHANNEL_RULE })
  @IsByteLength(1, ACCOUNT_MAX_BYTES, { message: `$property must be 1 to ${ACCOUNT_MAX_BYTES} bytes` })
  @IsString()
  account?: string;

  /**
   * Agora's media region to play from (the one nearest the stream's origin): `na`, `eu`, `ap` or `cn`. Defaults to
   * AGORA_MEDIA_REGION (`na`).
   * @example "eu"
   */
  @ApiPropertyOptional({ enum: MEDIA_REGIONS })
  @IsOptional()
  @IsIn(MEDIA_REGIONS, { message: `$property must be one of ${MEDIA_REGIONS.join(', ')}` })
  region?: MediaRegion;

  /**
   * Seconds the player may stay idle (the stream not playing) before Agora removes it (Agora's default 300).
   * @example 60
   */
  @ApiPropertyOptional(integerSchema(5, 600))
  @IsOptional()
  @Max(600)
  @Min(5)
  @IsInt()
  idleTimeoutSeconds?: number;

  /**
   * On-demand streams: how many times to play it, or -1 to loop (Agora's default 1).
   * @example -1
   */
  @ApiPropertyOptional(integerSchema(-1, 1_000_000))
  @IsOptional()
  @NotEquals(0, { message: '$property must be -1 (loop) or 1 to 1000000' })
  @Max(1_000_000)
  @Min(-1)
  @IsInt()
  repeatTime?: number;

  /**
   * On-demand streams: the second to start playing from (Agora's default 0).
   * @example 30
   */
  @ApiPropertyOptional(integerSchema(0, 2_147_483_647))
  @IsOptional()
  @Max(2_147_483_647)
  @Min(0)
  @IsInt()
  seekPosition?: number;

  /**
   * The IPv4 address of the stream's origin server (Agora's `streamIp`), when the stream is served from some regions only.
   * @example "203.0.113.7"
   */
  @ApiPropertyOptional({ type: 'string', format: 'ipv4' })
  @IsOptional()
  @IsIP(4, { message: '$property must be an IPv4 address' })
  streamOriginIp?: string;

  /**
   * When to start playing, in seconds since the epoch (Agora's `playTs`: from a day before the create to 5 minutes
   * after it; an on-demand stream earlier than the create starts that far in). Left out, at once.
   * @example 1769766312
   */
  @ApiPropertyOptional(integerSchema(1, 2 ** 40))
  @IsOptional()
  @Max(2 ** 40)
  @Min(1)
  @IsInt()
  playTs?: number;

  /** Transcode the audio (Agora's `audioOptions`). */
  @OptionalObject(() => PlayerAudioOptionsDto)
  audioOptions?: PlayerAudioOptionsDto;

  /** Transcode the video (Agora's `videoOptions`). */
  @OptionalObject(() => PlayerVideoOptionsDto)
  videoOptions?: PlayerVideoOptionsDto;
}
