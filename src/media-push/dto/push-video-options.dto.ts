import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { UINT32_MAX } from '../../agora/agora.constants.js';
import { integerSchema } from '../../common/http/api-schema.options.js';
import { OptionalObject } from '../../common/validation/optional-object.decorator.js';

/** Agora's canvas limits, in pixels. */
const CANVAS_MIN = 66;
const CANVAS_MAX = 1920;
/** How many views (users and images) a layout may place, as this service applies it. */
export const LAYOUT_MAX = 32;

const IMAGE_URL = { type: 'string', format: 'uri', maxLength: 1024 } as const;
/** An http(s) image URL of at most 1024 characters. */
const ImageUrl = (): PropertyDecorator =>
  applyDecorators(MaxLength(1024, { message: '$property must be at most 1024 characters' }), IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: '$property must be an http(s) URL' }));
/** A whole number from `min` to `max`, with one message for every way to miss it. */
export const Integer = (min: number, max: number): PropertyDecorator => {
  const message = `$property must be an integer from ${min} to ${max}`;
  return applyDecorators(Max(max, { message }), Min(min, { message }), IsInt({ message }));
};

/** The output picture's size and background. */
export class CanvasDto {
  @ApiProperty({ ...integerSchema(CANVAS_MIN, CANVAS_MAX), example: 1280 })
  @Integer(CANVAS_MIN, CANVAS_MAX)
  @IsDefined({ message: '$property is required' })
  width: number;

  @ApiProperty({ ...integerSchema(CANVAS_MIN, CANVAS_MAX), example: 720 })
  @Integer(CANVAS_MIN, CANVAS_MAX)
  @IsDefined({ message: '$property is required' })
  height: number;

  /** The background, an RGB value as a number (0 black, Agora's default; 255 blue). */
  @ApiPropertyOptional({ ...integerSchema(0, 0xffffff), example: 0 })
  @IsOptional()
  @Integer(0, 0xffffff)
  color?: number;
}

/** Where a view sits on the canvas, in pixels from its top left corner. */
export class ViewRegionDto {
  @ApiProperty({ ...integerSchema(0, CANVAS_MAX), example: 0 })
  @Integer(0, CANVAS_MAX)
  @IsDefined({ message: '$property is required' })
  xPos: number;

  @ApiProperty({ ...integerSchema(0, CANVAS_MAX), example: 0 })
  @Integer(0, CANVAS_MAX)
  @IsDefined({ message: '$property is required' })
  yPos: number;

  /** The layer, 0 (bottom) to 100 (top). */
  @ApiProperty({ ...integerSchema(0, 100), example: 1 })
  @Integer(0, 100)
  @IsDefined({ message: '$property is required' })
  zIndex: number;

  @ApiProperty({ ...integerSchema(1, CANVAS_MAX), example: 640 })
  @Integer(1, CANVAS_MAX)
  @IsDefined({ message: '$property is required' })
  width: number;

  @ApiProperty({ ...integerSchema(1, CANVAS_MAX), example: 360 })
  @Integer(1, CANVAS_MAX)
  @IsDefined({ message: '$property is required' })
  height: number;
}

/**
 * One view of a custom layout: a user's video (`rtcStreamUid`, with an optional `placeholderImageUrl` shown while they
 * publish none) or an image (`imageUrl`, a watermark): exactly one of the two.
 */
export class LayoutViewDto {
  @ApiPropertyOptional({ ...integerSchema(1, UINT32_MAX), example: 201 })
  @IsOptional()
  @Integer(1, UINT32_MAX)
  rtcStreamUid?: number;

  @ApiPropertyOptional({ ...IMAGE_URL, example: 'https://example.com/watermark.png' })
  @IsOptional()
  @ImageUrl()
  imageUrl?: string;

  @ApiProperty({ type: ViewRegionDto })
  @Type(() => ViewRegionDto)
  @ValidateNested()
  @IsObject({ message: '$property must be an object' })
  @IsDefined({ message: '$property is required' })
  region: ViewRegionDto;

  /** `fill` (crop to the region, Agora's default for users) or `fit` (show it whole). */
  @ApiPropertyOptional({ enum: ['fill', 'fit'], example: 'fill' })
  @IsOptional()
  @IsIn(['fill', 'fit'], { message: '$property must be fill or fit' })
  fillMode?: 'fill' | 'fit';

  @ApiPropertyOptional({ ...IMAGE_URL, example: 'https://example.com/no-video.png' })
  @IsOptional()
  @ImageUrl()
  placeholderImageUrl?: string;
}

/** The vertical layout (`layoutType: 1`): one large user on the left, the others stacked on the right. */
export class VerticalLayoutDto {
  /** The user shown large; left out, the loudest one, which may change every few seconds. */
  @ApiPropertyOptional({ ...integerSchema(1, UINT32_MAX), example: 201 })
  @IsOptional()
  @Integer(1, UINT32_MAX)
  maxResolutionUid?: number;

  @ApiPropertyOptional({ enum: ['fill', 'fit'], example: 'fill' })
  @IsOptional()
  @IsIn(['fill', 'fit'], { message: '$property must be fill or fit' })
  fillMode?: 'fill' | 'fit';
}

/**
 * A transcoding converter's video (Agora's `transcodeOptions.videoOptions`): the canvas, its layout (custom:
 * `layout`; vertical: `layoutType: 1` and `vertical`), and the encoding.
 */
export class PushVideoOptionsDto {
  @ApiProperty({ type: CanvasDto })
  @Type(() => CanvasDto)
  @ValidateNested()
  @IsObject({ message: '$property must be an object' })
  @IsDefined({ message: '$property is required' })
  canvas: CanvasDto;

  /** 0 custom (`layout`, the default) or 1 vertical (`vertical`). */
  @ApiPropertyOptional({ ...integerSchema(0, 1), enum: [0, 1], example: 0 })
  @IsOptional()
  @IsIn([0, 1], { message: '$property must be 0 (custom) or 1 (vertical)' })
  layoutType?: number;

  /** The views of a custom layout: users' videos and images. */
  @ApiPropertyOptional({ type: [LayoutViewDto], maxItems: LAYOUT_MAX })
  @IsOptional()
  @Type(() => LayoutViewDto)
  @ValidateNested({ each: true })
  @ArrayMaxSize(LAYOUT_MAX, { message: `$property may place at most ${LAYOUT_MAX} views` })
  @IsArray({ message: '$property must be an array' })
  layout?: LayoutViewDto[];

  /** The vertical layout's settings (`layoutType: 1`). */
  @OptionalObject(() => VerticalLayoutDto)
  vertical?: VerticalLayoutDto;

  /** Shown in place of any user who publishes no video. */
  @ApiPropertyOptional({ ...IMAGE_URL, example: 'https://example.com/no-video.png' })
  @IsOptional()
  @ImageUrl()
  defaultPlaceholderImageUrl?: string;

  /** Kbps. */
  @ApiProperty({ ...integerSchema(1, 10_000), example: 1500 })
  @Integer(1, 10_000)
  @IsDefined({ message: '$property is required' })
  bitrate: number;

  /** Frames per second (Agora's default 15). */
  @ApiPropertyOptional({ ...integerSchema(1, 30), example: 15 })
  @IsOptional()
  @Integer(1, 30)
  frameRate?: number;

  /** Frames between key frames (Agora's default: twice the frame rate). */
  @ApiPropertyOptional({ ...integerSchema(1, 300), example: 30 })
  @IsOptional()
  @Integer(1, 300)
  gop?: number;

  @ApiPropertyOptional({ enum: ['H.264', 'H.265'], example: 'H.264' })
  @IsOptional()
  @IsIn(['H.264', 'H.265'], { message: '$property must be H.264 or H.265' })
  @IsString()
  codec?: 'H.264' | 'H.265';

  @ApiPropertyOptional({ enum: ['high', 'baseline', 'main'], example: 'high' })
  @IsOptional()
  @IsIn(['high', 'baseline', 'main'], { message: '$property must be high, baseline or main' })
  codecProfile?: 'high' | 'baseline' | 'main';
}
