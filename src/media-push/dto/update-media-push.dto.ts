import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { OptionalObject } from '../../common/validation/optional-object.decorator.js';
import { integerSchema } from '../../common/http/api-schema.options.js';
import { IsRtmpUrl, RTMP_URL_SCHEMA } from './create-media-push.dto.js';
import { Integer, PushVideoOptionsDto } from './push-video-options.dto.js';

/** The video settings Agora lets an update change (not the codec, its profile, nor the layout type). */
export class UpdatePushVideoOptionsDto extends PartialType(OmitType(PushVideoOptionsDto, ['codec', 'codecProfile', 'layoutType', 'vertical'] as const)) {}

/**
 * What to change on a running converter: each field sent replaces the one in force (a layout replaces the whole
 * layout); fields left out stay as they are. Agora takes no change to the channel, the audio, the codec or the idle
 * time; a converter without transcoding, or with the vertical layout, can change only its URL (and, without
 * transcoding, its jitter buffer).
 */
export class UpdateMediaPushDto {
  /** A new push URL with its stream key (a secret, as on create). */
  @ApiPropertyOptional({ ...RTMP_URL_SCHEMA, example: 'rtmp://live.example.com/app/new-stream-key' })
  @IsOptional()
  @IsRtmpUrl()
  rtmpUrl?: string;

  @ApiPropertyOptional({ ...integerSchema(0, 1000), example: 500 })
  @IsOptional()
  @Integer(0, 1000)
  jitterBufferSizeMs?: number;

  /** New video settings (transcoding converters with a custom layout). */
  @OptionalObject(() => UpdatePushVideoOptionsDto)
  videoOptions?: UpdatePushVideoOptionsDto;
}
