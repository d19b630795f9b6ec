import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { integerSchema } from '../../common/http/api-schema.options.js';

/** Agora's audio transcoding of the stream (left out: the audio is not transcoded). */
export class PlayerAudioOptionsDto {
  /**
   * Agora's audio profile: 0 default, 1 speech (32 kHz mono), 2 music (48 kHz mono), 3 music stereo, 4 high quality,
   * 5 high quality stereo.
   */
  @ApiPropertyOptional({ ...integerSchema(0, 5), example: 2 })
  @IsOptional()
  @Max(5)
  @Min(0)
  @IsInt()
  profile?: number;
}

export const VIDEO_CODECS = ['H.264', 'VP9'] as const;

/** Agora's video transcoding of the stream (left out: the video is not transcoded). */
export class PlayerVideoOptionsDto {
  /** Output width in pixels. */
  @ApiPropertyOptional({ ...integerSchema(66, 1920), example: 1280 })
  @IsOptional()
  @Max(1920)
  @Min(66)
  @IsInt()
  width?: number;

  /** Output height in pixels. */
  @ApiPropertyOptional({ ...integerSchema(66, 1080), example: 720 })
  @IsOptional()
  @Max(1080)
  @Min(66)
  @IsInt()
  height?: number;

  /** Output 1280 × 720 for a landscape stream and 720 × 1280 for a portrait one (Agora's default false). */
  @ApiPropertyOptional({ type: 'boolean', example: false })
  @IsOptional()
  @IsBoolean()
  widthHeightAdaption?: boolean;

  /** Frames per second (Agora's default 15). */
  @ApiPropertyOptional({ ...integerSchema(1, 30), example: 15 })
  @IsOptional()
  @Max(30)
  @Min(1)
  @IsInt()
  frameRate?: number;

  /** Kbps. */
  @ApiPropertyOptional({ ...integerSchema(1, 10_000), example: 1130 })
  @IsOptional()
  @Max(10_000)
  @Min(1)
  @IsInt()
  bitrate?: number;

  /** Agora's default `H.264`. */
  @ApiPropertyOptional({ enum: VIDEO_CODECS, example: 'H.264' })
  @IsOptional()
  @IsIn(VIDEO_CODECS, { message: `$property must be one of ${VIDEO_CODECS.join(', ')}` })
  codec?: (typeof VIDEO_CODECS)[number];

  /** `fit` (Agora's default: the whole picture, letterboxed) or `fill` (cropped to fill the frame). */
  @ApiPropertyOptional({ enum: ['fit', 'fill'], example: 'fit' })
  @IsOptional()
  @IsIn(['fit', 'fill'], { message: '$property must be fit or fill' })
  fillMode?: 'fit' | 'fill';
}
