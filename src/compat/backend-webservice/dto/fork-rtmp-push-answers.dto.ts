import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNEL_MAX_BYTES } from '../../../agora/agora.constants.js';
import { MEDIA_REGIONS } from '../../../agora-services/media-region.config.js';
import { byteLimitedSchema, integerSchema } from '../../../common/http/api-schema.options.js';
import { CONVERTER_STATES } from '../../../media-push/dto/media-push.dto.js';
import { FORK_CONVERTER_ID_SCHEMA } from './fork-rtmp-push-requests.dto.js';

const UNIX_SECONDS = integerSchema(0, 2 ** 40);
const TIMESTAMP = { type: 'string', format: 'date-time', example: '2026-01-30T09:45:12Z', description: 'When this answer was made (UTC, RFC 3339), as the fork added it.' } as const;

/** A converter as the fork answered it (Agora's `converter`, with this service's id). */
export class ForkConverterDto {
  /** The converter's id: this service's (as /v1's `id`), for stop and update; only its creator can use it. */
  @ApiProperty(FORK_CONVERTER_ID_SCHEMA)
  id: string;

  /** Unix seconds. */
  @ApiPropertyOptional({ ...UNIX_SECONDS, example: 1591786766 })
  createTs?: number;

  @ApiPropertyOptional({ ...UNIX_SECONDS, example: 1591786766 })
  updateTs?: number;

  @ApiPropertyOptional({ enum: CONVERTER_STATES, example: 'connecting' })
  state?: string;
}

/** The fork's answer to a start or an update. */
export class ForkPushAnswerDto {
  converter: ForkConverterDto;

  /** Which of the converter's fields the answer holds (Agora's FieldMask). @example "id,createTs,updateTs,state" */
  @ApiProperty({ type: 'string', maxLength: 64 })
  fields: string;

  @ApiProperty(TIMESTAMP)
  timestamp: string;
}

/** The fork's answer to a stop. */
export class ForkPushStoppedDto {
  /** @example "Success" */
  @ApiProperty({ type: 'string', enum: ['Success'] })
  status: string;

  @ApiProperty(TIMESTAMP)
  timestamp: string;
}

/** One converter of the list, in the shape of Agora's list members (never with the push URL). */
export class ForkListedConverterDto {
  @ApiProperty(FORK_CONVERTER_ID_SCHEMA)
  converterId: string;

  /** The converter's Agora name, chosen by this service. @example "ats-push-3kJ8q0bV5xYz1W2aR7tN6g" */
  @ApiProperty({ type: 'string', maxLength: 64 })
  converterName: string;

  /** @example "test_channel" */
  @ApiProperty(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  rtcChannel: string;

  @ApiProperty({ enum: MEDIA_REGIONS, example: 'na' })
  region: string;

  @ApiPropertyOptional({ enum: CONVERTER_STATES, example: 'running' })
  state?: string;

  /** Unix seconds. */
  @ApiPropertyOptional({ ...UNIX_SECONDS, example: 1641267818 })
  create?: number;

  @ApiPropertyOptional({ ...UNIX_SECONDS, example: 1641267823 })
  updateTs?: number;
}

/** The list's page, as Agora's list answers it: everything in one page, so `cursor` is always 0. */
export class ForkPushListDataDto {
  @ApiProperty(integerSchema(0, 100_000))
  total_count: number;

  @ApiProperty({ ...integerSchema(0, 0), example: 0 })
  cursor: number;

  members: ForkListedConverterDto[];
}

/** The answer of `GET /rtmp/push/list` (the fork's was an empty 200). */
export class ForkPushListDto {
  @ApiProperty({ type: 'boolean', enum: [true] })
  success: boolean;

  data: ForkPushListDataDto;

  @ApiProperty(TIMESTAMP)
  timestamp: string;
}
