import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AGORA_MAX_EXPIRE_SECONDS } from '../../agora/agora.constants.js';

/** Per-privilege lifetimes in seconds from now; an omitted privilege is not granted. */
export class RtcPrivilegesDto {
  /**
   * Seconds the user may join the channel.
   * @example 3600
   */
  @ApiProperty({ type: 'integer' })
  @Max(AGORA_MAX_EXPIRE_SECONDS)
  @Min(1)
  @IsInt()
  @IsDefined({ message: '$property is required' })
  joinChannel: number;

  /**
   * Seconds the user may publish audio.
   * @example 600
   */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Max(AGORA_MAX_EXPIRE_SECONDS)
  @Min(1)
  @IsInt()
  publishAudio?: number;

  /**
   * Seconds the user may publish video.
   * @example 600
   */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Max(AGORA_MAX_EXPIRE_SECONDS)
  @Min(1)
  @IsInt()
  publishVideo?: number;

  /**
   * Seconds the user may publish data streams.
   * @example 600
   */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Max(AGORA_MAX_EXPIRE_SECONDS)
  @Min(1)
  @IsInt()
  publishData?: number;
}
