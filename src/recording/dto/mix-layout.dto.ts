import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { integerSchema } from '../../common/http/api-schema.options.js';
import { IsRecordingUid, USER_UID_SCHEMA } from './uid-list.decorator.js';

/** A fraction of the canvas, 0 to 1 (Agora's layout unit); `x-fraction` tells the document's lint it is meant. */
const fraction = (description: string) => ({ type: 'number', minimum: 0, maximum: 1, 'x-fraction': true, description }) as const;
const USER_UID = USER_UID_SCHEMA;
const COLOR = /^#[0-9A-Fa-f]{6}$/;

/** One user's region on a custom mix layout (`mixedVideoLayout: 3`). */
export class LayoutRegionDto {
  /** The user shown there; left out, the region is filled in order of joining. */
  @ApiPropertyOptional({ ...USER_UID, example: '42' })
  @IsOptional()
  @IsRecordingUid()
  uid?: string;

  @ApiProperty(fraction('Left edge, as a fraction of the canvas width.'))
  @Max(1)
  @Min(0)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsDefined({ message: '$property is required' })
  x_axis: number;

  @ApiProperty(fraction('Top edge, as a fraction of the canvas height.'))
  @Max(1)
  @Min(0)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsDefined({ message: '$property is required' })
  y_axis: number;

  @ApiProperty(fraction('Width, as a fraction of the canvas width.'))
  @Max(1)
  @Min(0)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsDefined({ message: '$property is required' })
  width: number;

  @ApiProperty(fraction('Height, as a fraction of the canvas height.'))
  @Max(1)
  @Min(0)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsDefined({ message: '$property is required' })
  height: number;

  @ApiPropertyOptional(fraction('Opacity, 0 (transparent) to 1 (opaque, the default).'))
  @IsOptional()
  @Max(1)
  @Min(0)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  alpha?: number;

  /** 0 crops the video to the region (the default), 1 fits it inside. */
  @ApiPropertyOptional({ ...integerSchema(0, 1), example: 0 })
  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  render_mode?: number;
}

/** A background image for one user's region. */
export class UserBackgroundDto {
  @ApiProperty({ ...USER_UID, example: '42' })
  @IsRecordingUid()
  @IsDefined({ message: '$property is required' })
  uid: string;

  /** An https URL of a JPG or PNG image. */
  @ApiProperty({ type: 'string', format: 'uri', maxLength: 1024, example: 'https://example.com/avatar.png' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(1024)
  @IsDefined({ message: '$property is required' })
  image_url: string;

  @ApiPropertyOptional({ ...integerSchema(0, 1), example: 0 })
  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  render_mode?: number;
}

/**
 * A mix recording's layout (Agora's `updateLayout` body, and the layout part of `transcodingConfig`). Each update
 * replaces the whole layout: a field left out returns to Agora's default.
 */
export class MixLayoutDto {
  /** 0 floating, 1 best fit (adaptive), 2 vertical, 3 custom (`layoutConfig`). Agora's default is 0. */
  @ApiPropertyOptional({ ...integerSchema(0, 3), example: 1 })
  @IsOptional()
  @IsIn([0, 1, 2, 3])
  @IsInt()
  mixedVideoLayout?: number;

  /** The user shown large in the vertical layout. */
  @ApiPropertyOptional({ type: 'string', pattern: USER_UID.pattern, minLength: 1, maxLength: 10, example: '42' })
  @IsOptional()
  @IsRecordingUid()
  maxResolutionUid?: string;

  /** The canvas colour, `#RRGGBB`. */
  @ApiPropertyOptional({ type: 'string', pattern: COLOR.source, minLength: 7, maxLength: 7, example: '#000000' })
  @IsOptional()
  @Matches(COLOR, { message: '$property must be a colour as #RRGGBB' })
  @IsString()
  backgroundColor?: string;

  /** An image URL for the canvas background. */
  @ApiPropertyOptional({ type: 'string', format: 'uri', maxLength: 1024, example: 'https://example.com/background.png' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(1024)
  backgroundImage?: string;

  /** An image URL shown for any user whose video is off. */
  @ApiPropertyOptional({ type: 'string', format: 'uri', maxLength: 1024, example: 'https://example.com/no-video.png' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(1024)
  defaultUserBackgroundImage?: string;

  /** The regions of a custom layout (`mixedVideoLayout: 3`), at most 17. */
  @ApiPropertyOptional({ type: [LayoutRegionDto], maxItems: 17 })
  @IsOptional()
  @Type(() => LayoutRegionDto)
  @ValidateNested({ each: true })
  @ArrayMaxSize(17)
  @IsArray()
  layoutConfig?: LayoutRegionDto[];

  /** Background images of users' regions, at most 17. */
  @ApiPropertyOptional({ type: [UserBackgroundDto], maxItems: 17 })
  @IsOptional()
  @Type(() => UserBackgroundDto)
  @ValidateNested({ each: true })
  @ArrayMaxSize(17)
  @IsArray()
  backgroundConfig?: UserBackgroundDto[];
}

/** The mix recording's video: canvas, frame rate, bitrate and layout. */
export class TranscodingConfigDto extends MixLayoutDto {
  @ApiPropertyOptional({ ...integerSchema(16, 1920), example: 640 })
  @IsOptional()
  @Max(1920)
  @Min(16)
  @IsInt()
  width?: number;

  @ApiPropertyOptional({ ...integerSchema(16, 1920), example: 360 })
  @IsOptional()
  @Max(1920)
  @Min(16)
  @IsInt()
  height?: number;

  @ApiPropertyOptional({ ...integerSchema(1, 30), example: 15 })
  @IsOptional()
  @Max(30)
  @Min(1)
  @IsInt()
  fps?: number;

  /** Kbps. */
  @ApiPropertyOptional({ ...integerSchema(1, 10000), example: 500 })
  @IsOptional()
  @Max(10000)
  @Min(1)
  @IsInt()
  bitrate?: number;
}
