import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { integerSchema } from '../../common/http/api-schema.options.js';

/** The files a recording writes (Agora's `recordingFileConfig`). */
export class RecordingFileConfigDto {
  /** `["hls"]` (Agora's default) or `["hls", "mp4"]` for MP4 files as well (mix and web modes). */
  @ApiProperty({ type: 'array', items: { type: 'string', enum: ['hls', 'mp4'] }, minItems: 1, maxItems: 2, uniqueItems: true, example: ['hls', 'mp4'] })
  @IsIn(['hls', 'mp4'], { each: true, message: '$property may hold hls and mp4' })
  @ArrayUnique()
  @ArrayMaxSize(2)
  @ArrayMinSize(1)
  @IsArray()
  @IsDefined({ message: '$property is required' })
  avFileType: string[];
}

/** Screenshots of an individual recording (Agora's `snapshotConfig`). */
export class SnapshotConfigDto {
  /** Seconds between screenshots (Agora's default 10). */
  @ApiPropertyOptional({ ...integerSchema(5, 3600), example: 10 })
  @IsOptional()
  @Max(3600)
  @Min(5)
  @IsInt()
  captureInterval?: number;

  /** `["jpg"]`, the one type Agora takes. */
  @ApiProperty({ type: 'array', items: { type: 'string', enum: ['jpg'] }, minItems: 1, maxItems: 1, example: ['jpg'] })
  @IsIn(['jpg'], { each: true, message: '$property must be ["jpg"]' })
  @ArrayMaxSize(1)
  @ArrayMinSize(1)
  @IsArray()
  @IsDefined({ message: '$property is required' })
  fileType: string[];
}
