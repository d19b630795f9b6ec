import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { NullMeansAbsent } from '../../../common/validation/body-shape.js';
import { TRANSCRIPTION_ID_SCHEMA } from '../../../transcription/dto/transcription.dto.js';

/** The v6 builder token the fork's clients send back: Agora's v7 API has none, so it is accepted and not used. */
export const BUILDER_TOKEN_SCHEMA = { type: 'string', minLength: 1, maxLength: 2048, description: 'Accepted and not used: Agora’s v7 API has no builder tokens.' } as const;

/** The body of the fork's stop routes: its `builderToken` (not used), and, for `DELETE /rtt/stop`, the task. */
@NullMeansAbsent()
export class ForkStopRttDto {
  @ApiPropertyOptional(BUILDER_TOKEN_SCHEMA)
  @IsOptional()
  @Length(1, 2048, { message: '$property must be 1 to 2048 characters' })
  @IsString()
  builderToken?: string;

  /** `DELETE /rtt/stop` only (the route the fork registered without `:taskId`): the task's id, as its start answered it. */
  @ApiPropertyOptional(TRANSCRIPTION_ID_SCHEMA)
  @IsOptional()
  @Length(1, 1024, { message: '$property must be 1 to 1024 characters' })
  @IsString()
  taskId?: string;
}
