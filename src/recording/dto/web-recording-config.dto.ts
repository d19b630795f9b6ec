import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { integerSchema } from '../../common/http/api-schema.options.js';

export const WEB_RECORDER = 'web_recorder_service';
export const RTMP_PUBLISH = 'rtmp_publish_service';

/** Where a web recording is also pushed live. */
export class RtmpOutputDto {
  /** An `rtmp://` or `rtmps://` URL (with its stream key, which is the caller's own). */
  @ApiProperty({ type: 'string', pattern: '^rtmps?://', maxLength: 1024, example: 'rtmp://live.example.com/app/stream-key' })
  @Matches(/^rtmps?:\/\/\S+$/, { message: '$property must be an rtmp:// or rtmps:// URL' })
  @MaxLength(1024)
  @IsString()
  @IsDefined({ message: '$property is required' })
  rtmpUrl: string;
}

/**
 * A service's parameters: `web_recorder_service` takes the page and video fields (`url`, `audioProfile`,
 * `videoWidth`, `videoHeight` and `maxRecordingHour` required), `rtmp_publish_service` takes `outputs`.
 */
export class ExtensionServiceParamDto {
  /** The page to record. */
  @ApiPropertyOptional({ type: 'string', format: 'uri', maxLength: 2048, example: 'https://example.com/stage' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2048)
  url?: string;

  /** 0 48 kHz mono 48 Kbps, 1 48 kHz mono 128 Kbps, 2 48 kHz stereo 192 Kbps. */
  @ApiPropertyOptional({ ...integerSchema(0, 2), example: 0 })
  @IsOptional()
  @IsIn([0, 1, 2])
  @IsInt()
  audioProfile?: number;

  @ApiPropertyOptional({ ...integerSchema(480, 1920), example: 1280 })
  @IsOptional()
  @Max(1920)
  @Min(480)
  @IsInt()
  videoWidth?: number;

  @ApiPropertyOptional({ ...integerSchema(480, 1920), example: 720 })
  @IsOptional()
  @Max(1920)
  @Min(480)
  @IsInt()
  videoHeight?: number;

  /** Hours after which the recording stops by itself. */
  @ApiPropertyOptional({ ...integerSchema(1, 720), example: 2 })
  @IsOptional()
  @Max(720)
  @Min(1)
  @IsInt()
  maxRecordingHour?: number;

  /** Kbps. */
  @ApiPropertyOptional({ ...integerSchema(50, 8000), example: 2000 })
  @IsOptional()
  @Max(8000)
  @Min(50)
  @IsInt()
  videoBitrate?: number;

  @ApiPropertyOptional({ ...integerSchema(5, 60), example: 15 })
  @IsOptional()
  @Max(60)
  @Min(5)
  @IsInt()
  videoFps?: number;

  /** Render the page as a mobile browser would. */
  @IsOptional()
  @IsBoolean()
  mobile?: boolean;

  /** Minutes per MP4 file. */
  @ApiPropertyOptional({ ...integerSchema(30, 240), example: 120 })
  @IsOptional()
  @Max(240)
  @Min(30)
  @IsInt()
  maxVideoDuration?: number;

  /** Start paused. */
  @IsOptional()
  @IsBoolean()
  onhold?: boolean;

  /** Seconds to wait for the page to say it is ready. */
  @ApiPropertyOptional({ ...integerSchema(0, 60), example: 0 })
  @IsOptional()
  @Max(60)
  @Min(0)
  @IsInt()
  readyTimeout?: number;

  /** Where to push the recording live (one output). */
  @ApiPropertyOptional({ type: [RtmpOutputDto], minItems: 1, maxItems: 1 })
  @IsOptional()
  @Type(() => RtmpOutputDto)
  @ValidateNested({ each: true })
  @ArrayMaxSize(1)
  @ArrayMinSize(1)
  @IsArray()
  outputs?: RtmpOutputDto[];
}

/** One extension service of a web recording. */
export class ExtensionServiceDto {
  @ApiProperty({ enum: [WEB_RECORDER, RTMP_PUBLISH], example: WEB_RECORDER })
  @IsIn([WEB_RECORDER, RTMP_PUBLISH])
  @IsDefined({ message: '$property is required' })
  serviceName: string;

  /** `error_abort` (the recorder's only value: a failure stops the recording) or `error_ignore` (push only). */
  @ApiPropertyOptional({ enum: ['error_abort', 'error_ignore'], example: 'error_abort' })
  @IsOptional()
  @IsIn(['error_abort', 'error_ignore'])
  errorHandlePolicy?: string;

  @Type(() => ExtensionServiceParamDto)
  @ValidateNested()
  @IsObject()
  @IsDefined({ message: '$property is required' })
  serviceParam: ExtensionServiceParamDto;
}

/** A web recording: the page recorder, and optionally a live push (Agora's `extensionServiceConfig`). */
export class ExtensionServiceConfigDto {
  @ApiPropertyOptional({ enum: ['error_abort'], example: 'error_abort' })
  @IsOptional()
  @IsIn(['error_abort'])
  errorHandlePolicy?: string;

  /** The `web_recorder_service` (required), and an `rtmp_publish_service` if the page is also pushed live. */
  @ApiProperty({ type: [ExtensionServiceDto], minItems: 1, maxItems: 2 })
  @Type(() => ExtensionServiceDto)
  @ValidateNested({ each: true })
  @ArrayMaxSize(2)
  @ArrayMinSize(1)
  @IsArray()
  @IsDefined({ message: '$property is required' })
  extensionServices: ExtensionServiceDto[];
}
