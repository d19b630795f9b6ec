import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCOUNT_MAX_BYTES, CHANNEL_MAX_BYTES, UINT32_MAX } from '../../agora/agora.constants.js';
import { MEDIA_REGIONS, type MediaRegion } from '../../agora-services/media-region.config.js';
import { byteLimitedSchema, integerSchema } from '../../common/http/api-schema.options.js';
import { PLAYER_STATUSES, type PlayerStatus } from '../cloud-player.api.js';

/** A cloud player this service created. Its stream URL is never answered (it may carry credentials). */
export class PlayerDto {
  /**
   * The player's opaque id, for GET, PATCH and DELETE: only its owner (the API key or end user that created it) can
   * use it, on any replica, after any restart.
   * @example "ZGVmYXVsdA.Jg01heNba1Ec8YTtpb0VC_gtd5hfPNIdSlnri3C4H9fxAaJANuAYAvTb1X-dEIkHYJqg968KvY1564rjw9CTQdadhCUmql5LUJhOlLUeifsjDcE7dT38TsBwzSt26uS3jg"
   */
  @ApiProperty({ type: 'string', minLength: 1, maxLength: 1000, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' })
  id: string;

  /**
   * The project the player runs in.
   * @example "default"
   */
  project: string;

  /** @example "demo-room" */
  @ApiProperty(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  channel: string;

  /** Agora's media region the player runs in. */
  @ApiProperty({ enum: MEDIA_REGIONS, example: 'na' })
  region: MediaRegion;

  /**
   * The player's uid in the channel (absent when it joined with an account).
   * @example 1001
   */
  @ApiPropertyOptional(integerSchema(1, UINT32_MAX))
  uid?: number;

  /**
   * The player's account in the channel (absent when it joined with a uid).
   * @example "stream-bot"
   */
  @ApiPropertyOptional(byteLimitedSchema(1, ACCOUNT_MAX_BYTES))
  account?: string;

  /**
   * Agora's id of the player.
   * @example "2a784467d647bb87b60b719f6fa56317"
   */
  playerId: string;

  /**
   * The player's name at Agora, chosen by this service (unique in the project).
   * @example "pull-3Yq0c8x2Jb1VwZrK"
   */
  name: string;

  /**
   * What Agora last reported: `idle`, `connecting`, `running` or `failed`. Absent when Agora did not say (an update's
   * answer, or a list made within seconds of the create, before Agora lists the player).
   */
  @ApiPropertyOptional({ enum: PLAYER_STATUSES, example: 'running' })
  status?: PlayerStatus;

  /**
   * When the player was created.
   * @example "2026-01-30T09:45:12.000Z"
   */
  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt: string;
}

/** The caller's players, as Agora lists them. */
export class PlayerListDto {
  @ApiProperty({ type: [PlayerDto] })
  players: PlayerDto[];
}
