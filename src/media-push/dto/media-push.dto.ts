import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNEL_MAX_BYTES, UINT32_MAX } from '../../agora/agora.constants.js';
import { MEDIA_REGIONS, type MediaRegion } from '../../agora-services/media-region.config.js';
import { byteLimitedSchema, integerSchema } from '../../common/http/api-schema.options.js';
import { PushAudioOptionsDto } from './push-audio-options.dto.js';
import { PushVideoOptionsDto } from './push-video-options.dto.js';

/** Agora's converter states. */
export const CONVERTER_STATES = ['idle', 'connecting', 'running', 'failed'] as const;

/** A converter this service started: its id, and what Agora calls it. */
export class MediaPushDto {
  /**
   * The converter's opaque id, for GET, PATCH and DELETE: only its owner (the API key or end user that started it)
   * can use it, on any replica, after any restart.
   * @example "v1.Qm9vdHN0cmFwcGVkIGNvbnZlcnRlciBpZCBleGFtcGxl.c2VhbGVk"
   */
  @ApiProperty({ type: 'string', minLength: 1, maxLength: 1024, pattern: '^[A-Za-z0-9_.-]+$' })
  id: string;

  /** The project that pushes (its App ID and REST credentials). @example "default" */
  project: string;

  /** @example "show-68" */
  @ApiProperty(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  channel: string;

  @ApiProperty({ enum: MEDIA_REGIONS, example: 'na' })
  region: MediaRegion;

  /** Agora's converter id. @example "4c014467d647bb87b60b719f6fa57686" */
  converterId: string;

  /** The converter's name at Agora, chosen by this service and unique in the project. @example "ats-push-3kJ8q0bV5xYz1W2aR7tN6g" */
  @ApiProperty({ type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', maxLength: 64 })
  name: string;

  /** `raw`: one user's stream as it is; `transcoded`: the channel mixed into one picture and one sound. */
  @ApiProperty({ enum: ['raw', 'transcoded'], example: 'transcoded' })
  mode: 'raw' | 'transcoded';

  /** Where it pushes, without the stream key. Left out when not known to this answer. @example "rtmp://live.example.com/app/***" */
  @ApiPropertyOptional({ type: 'string', maxLength: 1024 })
  rtmpUrl?: string;

  /** `idle`, `connecting`, `running` or `failed`, as Agora last reported it. */
  @ApiPropertyOptional({ enum: CONVERTER_STATES, example: 'connecting' })
  state?: string;

  /** When Agora created it. */
  @ApiPropertyOptional({ type: 'string', format: 'date-time', example: '2026-01-30T09:45:12.000Z' })
  createdAt?: string;

  /** When Agora last changed its configuration. */
  @ApiPropertyOptional({ type: 'string', format: 'date-time', example: '2026-01-30T09:47:02.000Z' })
  updatedAt?: string;
}

/** A running converter, as Agora reports it. */
export class MediaPushStatusDto extends MediaPushDto {
  /** Seconds it lives on once everyone it pushes has left. */
  @ApiPropertyOptional({ ...integerSchema(0, 2_147_483_647), example: 300 })
  idleTimeOut?: number;

  /** Without transcoding: the user pushed. */
  @ApiPropertyOptional({ ...integerSchema(1, UINT32_MAX), example: 201 })
  rtcStreamUid?: number;

  /** Transcoding: the audio, as Agora runs it. */
  audioOptions?: PushAudioOptionsDto;

  /** Transcoding: the video, as Agora runs it. */
  videoOptions?: PushVideoOptionsDto;
}

/** The converters of the caller's that Agora runs. */
export class MediaPushListDto {
  converters: MediaPushDto[];
}
