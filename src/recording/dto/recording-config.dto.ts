import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { integerSchema } from '../../common/http/api-schema.options.js';
import { Excludes } from '../../common/validation/excludes.decorator.js';
import { TranscodingConfigDto } from './mix-layout.dto.js';
import { UidList } from './uid-list.decorator.js';

/**
 * What an individual or mix recording records (Agora's `recordingConfig`). Left out, the recording takes every
 * user's audio and video of a communication channel. Fields are Agora's, with Agora's defaults.
 */
export class RecordingConfigDto {
  /** 0 communication (Agora's default), 1 live broadcasting: it must match the channel profile the app's SDK uses. */
  @ApiPropertyOptional({ ...integerSchema(0, 1), example: 1 })
  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  channelType?: number;

  /** 0 audio only, 1 video only, 2 both (the default). */
  @ApiPropertyOptional({ ...integerSchema(0, 2), example: 2 })
  @IsOptional()
  @IsIn([0, 1, 2])
  @IsInt()
  streamTypes?: number;

  /** 0 high stream (the default), 1 low stream. */
  @ApiPropertyOptional({ ...integerSchema(0, 1), example: 0 })
  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  videoStreamType?: number;

  /** Seconds the channel may stay empty before the recording stops by itself (Agora's default 30). */
  @ApiPropertyOptional({ ...integerSchema(5, 2_592_000), example: 120 })
  @IsOptional()
  @Max(2_592_000)
  @Min(5)
  @IsInt()
  maxIdleTime?: number;

  @UidList('Users whose audio is recorded (instead of every user).')
  @Excludes('unsubscribeAudioUids')
  subscribeAudioUids?: string[];

  @UidList('Users whose audio is not recorded.')
  unsubscribeAudioUids?: string[];

  @UidList('Users whose video is recorded (instead of every user).')
  @Excludes('unsubscribeVideoUids')
  subscribeVideoUids?: string[];

  @UidList('Users whose video is not recorded.')
  unsubscribeVideoUids?: string[];

  /** Individual mode: how many users are expected (0: 1-2, 1: 3-7, 2: 8-12, 3: 13-17, 4: 18-32, 5: 33-49). */
  @ApiPropertyOptional({ ...integerSchema(0, 5), example: 1 })
  @IsOptional()
  @IsIn([0, 1, 2, 3, 4, 5])
  @IsInt()
  subscribeUidGroup?: number;

  /** Individual mode: `default`, `standard` or `original` media streams. */
  @ApiPropertyOptional({ enum: ['default', 'standard', 'original'], example: 'standard' })
  @IsOptional()
  @IsIn(['default', 'standard', 'original'])
  streamMode?: string;

  /** Mix mode: 0 48 kHz mono 48 Kbps (the default), 1 48 kHz mono 128 Kbps, 2 48 kHz stereo 192 Kbps. */
  @ApiPropertyOptional({ ...integerSchema(0, 2), example: 0 })
  @IsOptional()
  @IsIn([0, 1, 2])
  @IsInt()
  audioProfile?: number;

  /** Mix mode: the canvas and layout of the mixed video. */
  @IsOptional()
  @Type(() => TranscodingConfigDto)
  @ValidateNested()
  @IsObject()
  transcodingConfig?: TranscodingConfigDto;
}
