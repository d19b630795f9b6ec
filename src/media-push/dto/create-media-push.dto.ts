import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsDefined, IsIn, IsIP, IsOptional, ValidateBy } from 'class-validator';
import { UINT32_MAX } from '../../agora/agora.constants.js';
import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';
import { MEDIA_REGIONS, type MediaRegion } from '../../agora-services/media-region.config.js';
import { integerSchema } from '../../common/http/api-schema.options.js';
import { OptionalObject } from '../../common/validation/optional-object.decorator.js';
import { isRtmpUrl, RTMP_URL_MAX_LENGTH, RTMP_URL_RULE } from '../rtmp-url.js';
import { PushAudioOptionsDto } from './push-audio-options.dto.js';
import { Integer, PushVideoOptionsDto } from './push-video-options.dto.js';
import { ChannelName } from '../../agora/dto/channel-name.decorator.js';

/** An RTMP(S) push URL with its stream key; problems never repeat it. */
export const IsRtmpUrl = (): PropertyDecorator =>
  ValidateBy({ name: 'isRtmpUrl', validator: { validate: isRtmpUrl, defaultMessage: (args) => RTMP_URL_RULE.replace('$property', args?.property ?? 'rtmpUrl') } });

export const RTMP_URL_SCHEMA = { type: 'string', format: 'uri', pattern: '^rtmps?://', minLength: 9, maxLength: RTMP_URL_MAX_LENGTH } as const;

/**
 * A converter to start: one user's stream pushed as it is (`rtcStreamUid`), or the channel transcoded into one
 * picture and one sound (`videoOptions` and/or `audioOptions`): one of the two.
 */
export class CreateMediaPushDto extends PickType(TokenRequestDto, ['project', 'appId'] as const) {
  /**
   * The channel whose streams are pushed: 1 to 63 bytes of Agora's channel characters.
   * @example "show-68"
   */
  @ChannelName()
  channel: string;

  /**
   * Where the push URL goes, with its stream key (`rtmp://live.example.com/app/<stream key>`). A secret: never logged,
   * and answers show it without its key (`rtmp://live.example.com/app/***`).
   */
  @ApiProperty({ ...RTMP_URL_SCHEMA, example: 'rtmp://live.example.com/app/stream-key' })
  @IsRtmpUrl()
  @IsDefined({ message: '$property is required' })
  rtmpUrl: string;

  /** Agora's region for the converter, the one nearest the CDN's origin: `na`, `eu`, `ap` or `cn` (default AGORA_MEDIA_REGION). */
  @ApiPropertyOptional({ enum: MEDIA_REGIONS, example: 'na' })
  @IsOptional()
  @IsIn(MEDIA_REGIONS, { message: `$property must be one of ${MEDIA_REGIONS.join(', ')}` })
  region?: MediaRegion;

  /** Without transcoding: the one user whose audio and video are pushed as they are. */
  @ApiPropertyOptional({ ...integerSchema(1, UINT32_MAX), example: 201 })
  @IsOptional()
  @Integer(1, UINT32_MAX)
  rtcStreamUid?: number;

  /** Transcoding: the mixed audio (send `{}` for Agora's defaults). */
  @OptionalObject(() => PushAudioOptionsDto)
  audioOptions?: PushAudioOptionsDto;

  /** Transcoding: the canvas, its layout and the encoding. */
  @OptionalObject(() => PushVideoOptionsDto)
  videoOptions?: PushVideoOptionsDto;

  /** Seconds the converter lives on once every user it pushes has left (Agora's `idleTimeOut`). */
  @ApiPropertyOptional({ ...integerSchema(5, 86_400), example: 300 })
  @IsOptional()
  @Integer(5, 86_400)
  idleTimeOut?: number;

  /** Milliseconds of jitter buffer, 0 to 1000 (Agora's default 1000, rounded up to a hundred). */
  @ApiPropertyOptional({ ...integerSchema(0, 1000), example: 1000 })
  @IsOptional()
  @Integer(0, 1000)
  jitterBufferSizeMs?: number;

  /** The CDN origin's IPv4 address, which helps Agora pick a steady route (Agora's `regionHintIp`). */
  @ApiPropertyOptional({ type: 'string', format: 'ipv4', maxLength: 15, example: '203.0.113.10' })
  @IsOptional()
  @IsIP(4, { message: '$property must be an IPv4 address' })
  regionHintIp?: string;
}
