import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { integerSchema } from '../../common/http/api-schema.options.js';
import { IsStreamUrl, STREAM_URL_MAX_BYTES, STREAM_URL_PATTERN } from '../stream-url.rule.js';

/** What a running player can change (Agora's update): send at least one field. */
export class UpdatePlayerDto {
  /**
   * Play another stream instead (same rules as on create; never repeated in an answer or a log).
   * @example "https://media.example.com/live/other.flv"
   */
  @ApiPropertyOptional({ type: 'string', minLength: 8, maxLength: STREAM_URL_MAX_BYTES, pattern: STREAM_URL_PATTERN })
  @IsOptional()
  @IsStreamUrl()
  streamUrl?: string;

  /**
   * Audio volume, 0 to 200 (100 is the stream's own).
   * @example 80
   */
  @ApiPropertyOptional(integerSchema(0, 200))
  @IsOptional()
  @Max(200)
  @Min(0)
  @IsInt()
  volume?: number;

  /**
   * Pause (true) or resume (false) playing.
   * @example true
   */
  @ApiPropertyOptional({ type: 'boolean' })
  @IsOptional()
  @IsBoolean()
  paused?: boolean;

  /**
   * On-demand streams: jump to this second.
   * @example 40
   */
  @ApiPropertyOptional(integerSchema(0, 2_147_483_647))
  @IsOptional()
  @Max(2_147_483_647)
  @Min(0)
  @IsInt()
  seekPosition?: number;
}
