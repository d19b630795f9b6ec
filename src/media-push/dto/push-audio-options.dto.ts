import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { UINT32_MAX } from '../../agora/agora.constants.js';
import { integerSchema } from '../../common/http/api-schema.options.js';

/** Agora's limit on the users mixed into a converter's audio, as this service applies it. */
export const AUDIO_UIDS_MAX = 32;

/** A transcoding converter's audio (Agora's `transcodeOptions.audioOptions`); Agora's defaults fill what is left out. */
export class PushAudioOptionsDto {
  /** `LC-AAC` (Agora's default) or `HE-AAC`. */
  @ApiPropertyOptional({ enum: ['LC-AAC', 'HE-AAC'], example: 'LC-AAC' })
  @IsOptional()
  @IsIn(['LC-AAC', 'HE-AAC'], { message: '$property must be LC-AAC or HE-AAC' })
  codecProfile?: 'LC-AAC' | 'HE-AAC';

  /** Hz: 32000, 44100 or 48000 (Agora's default). */
  @ApiPropertyOptional({ ...integerSchema(32000, 48000), enum: [32000, 44100, 48000], example: 48000 })
  @IsOptional()
  @IsIn([32000, 44100, 48000], { message: '$property must be 32000, 44100 or 48000' })
  sampleRate?: number;

  /** Kbps, 32 to 128 (Agora's default 48). */
  @ApiPropertyOptional({ ...integerSchema(32, 128), example: 48 })
  @IsOptional()
  @Max(128)
  @Min(32)
  @IsInt()
  bitrate?: number;

  /** 1 (Agora's default) or 2. */
  @ApiPropertyOptional({ ...integerSchema(1, 2), enum: [1, 2], example: 1 })
  @IsOptional()
  @IsIn([1, 2], { message: '$property must be 1 or 2' })
  audioChannels?: number;

  /** The users whose audio is mixed; left out, every user of the channel; empty, nobody. */
  @ApiPropertyOptional({ type: 'array', maxItems: AUDIO_UIDS_MAX, items: integerSchema(1, UINT32_MAX), example: [201, 202] })
  @IsOptional()
  @Max(UINT32_MAX, { each: true, message: '$property must list uids 1 to 4294967295' })
  @Min(1, { each: true, message: '$property must list uids 1 to 4294967295' })
  @IsInt({ each: true, message: '$property must list uids 1 to 4294967295' })
  @ArrayMaxSize(AUDIO_UIDS_MAX, { message: `$property may list at most ${AUDIO_UIDS_MAX} uids` })
  @IsArray({ message: '$property must be an array' })
  rtcStreamUids?: number[];
}
