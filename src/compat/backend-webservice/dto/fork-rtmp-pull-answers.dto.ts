import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCOUNT_MAX_BYTES, CHANNEL_MAX_BYTES } from '../../../agora/agora.constants.js';
import { byteLimitedSchema, integerSchema } from '../../../common/http/api-schema.options.js';
import { PLAYER_STATUSES, type PlayerStatus } from '../../../media-pull/cloud-player.api.js';
import { FORK_PLAYER_ID_SCHEMA } from './fork-rtmp-pull-requests.dto.js';

const TIMESTAMP = { type: 'string', format: 'date-time', example: '2026-01-30T09:45:12Z' } as const;
const UID = { type: 'string', pattern: '^[0-9]{1,10}$', minLength: 1, maxLength: 10, 'x-max-bytes': 10, example: '1001' } as const;

/** The player in a start's answer. */
export class ForkPlayerDto {
  /** The player's id (sealed: echo it back as `playerId`). */
  @ApiProperty(FORK_PLAYER_ID_SCHEMA)
  id: string;

  /** When it was created, in seconds since the epoch. */
  @ApiProperty({ ...integerSchema(0, 2 ** 40), example: 1769766312 })
  createTs: number;

  /** Its uid, as digits (absent for an account). */
  @ApiPropertyOptional(UID)
  uid?: string;

  /** Its account (an end user's identity), when it plays as one. */
  @ApiPropertyOptional(byteLimitedSchema(1, ACCOUNT_MAX_BYTES))
  account?: string;
}

/** `POST /rtmp/pull/start`'s answer: the fork's StartCloudPlayerResponse. */
export class ForkStartPullAnswerDto {
  @ApiProperty({ type: ForkPlayerDto })
  player: ForkPlayerDto;

  /** The player fields the answer holds, as Agora names them. @example "player.uid,player.id,player.createTs" */
  fields: string;

  @ApiProperty(TIMESTAMP)
  timestamp: string;
}

/** `POST /rtmp/pull/stop` and `/update`'s answer: the fork's CloudPlayerUpdateResponse. */
export class ForkPullStatusDto {
  @ApiProperty({ type: 'string', enum: ['Success'] })
  status: 'Success';

  @ApiProperty(TIMESTAMP)
  timestamp: string;
}

/** One player in the list, as Agora's list names its fields (without the stream URL, which may carry credentials). */
export class ForkListedPlayerDto extends ForkPlayerDto {
  /** @example "test_channel" */
  @ApiProperty(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  channelName: string;

  /** Agora's name of the player (chosen by this service). @example "pull-3Yq0c8x2Jb1VwZrK" */
  name: string;

  @ApiProperty({ type: 'string', enum: ['na', 'eu', 'ap', 'cn'] })
  region: string;

  @ApiPropertyOptional({ enum: PLAYER_STATUSES })
  status?: PlayerStatus;
}

/** `GET /rtmp/pull/list`'s answer (the fork's was an empty stub): the caller's players, in the shape of Agora's list. */
export class ForkPullListDto {
  /** How many players the list holds. */
  @ApiProperty({ ...integerSchema(0, 1_000_000), example: 1 })
  totalSize: number;

  @ApiProperty({ type: [ForkListedPlayerDto] })
  players: ForkListedPlayerDto[];

  @ApiProperty(TIMESTAMP)
  timestamp: string;
}
