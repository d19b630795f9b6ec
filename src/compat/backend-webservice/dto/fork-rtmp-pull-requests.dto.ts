import { ApiHideProperty, ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsInt, IsIP, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { UINT32_MAX } from '../../../agora/agora.constants.js';
import { integerSchema } from '../../../common/http/api-schema.options.js';
import { OptionalObject } from '../../../common/validation/optional-object.decorator.js';
import { PlayerAudioOptionsDto, PlayerVideoOptionsDto, VIDEO_CODECS } from '../../../media-pull/dto/player-options.dto.js';
import { ForkCodec } from './fork-codec.js';
import { IsStreamUrl, STREAM_URL_MAX_BYTES, STREAM_URL_PATTERN } from '../../../media-pull/stream-url.rule.js';
import { ChannelName } from '../../../agora/dto/channel-name.decorator.js';

/** Refuses a field whatever it holds, with a message saying why. */
const Refused = (message: string): PropertyDecorator =>
  ValidateBy({ name: 'refused', validator: { validate: (value) => value === undefined, defaultMessage: () => message } });

/** A uid as the fork took it (a string of digits), or as a number: 1 to 4294967295. */
const IsForkUid = (): PropertyDecorator =>
  ValidateBy({
    name: 'isForkUid',
    validator: {
      validate: (value) => (typeof value === 'string' ? /^\d{1,10}$/.test(value) : Number.isSafeInteger(value)) && Number(value) >= 1 && Number(value) <= UINT32_MAX,
      defaultMessage: () => `uid must be a number from 1 to ${UINT32_MAX}, as digits or a number (0, any user, cannot be a player's uid)`,
    },
  });

/** Agora's region (`na`, `eu`, `ap`, `cn`); anything else is the fork's own 400, `{"error": "Invalid region specified."}`. */
const REGION_SCHEMA = { type: 'string', enum: ['na', 'eu', 'ap', 'cn'], example: 'na' } as const;
/** A player id as the fork's start answers it: the player's sealed id. */
export const FORK_PLAYER_ID_SCHEMA = { type: 'string', minLength: 1, maxLength: 1000, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' } as const;

/** The fork's videoOptions: /v1's, with the codec spelled as the fork's clients do (`H264`). */
export class ForkPlayerVideoOptionsDto extends OmitType(PlayerVideoOptionsDto, ['codec'] as const) {
  /** Agora's default `H.264`. */
  @ForkCodec(VIDEO_CODECS)
  codec?: string;
}

/** `POST /rtmp/pull/start`: the fork's ClientStartCloudPlayerRequest. */
export class ForkStartPullDto {
  /** @example "test_channel" */
  @ChannelName()
  channelName: string;

  /** The stream to play (RTMP, HTTP or HTTPS); never answered or logged. @example "https://media.example.com/live/show.flv" */
  @ApiProperty({ type: 'string', minLength: 8, maxLength: STREAM_URL_MAX_BYTES, pattern: STREAM_URL_PATTERN })
  @IsStreamUrl()
  @IsDefined({ message: '$property is required' })
  streamUrl: string;

  /** Agora's region; left out, AGORA_MEDIA_REGION. */
  @ApiPropertyOptional(REGION_SCHEMA)
  @IsOptional()
  @IsString()
  region?: string;

  /** The player's uid; left out, a random one (end users: their own identity, as an account). @example "1001" */
  @ApiPropertyOptional({ oneOf: [{ type: 'string', pattern: '^[0-9]{1,10}$' }, integerSchema(1, UINT32_MAX)] })
  @IsOptional()
  @IsForkUid()
  uid?: string | number;

  /** The stream origin's IPv4 address (Agora's `streamIp`). @example "203.0.113.7" */
  @ApiPropertyOptional({ type: 'string', format: 'ipv4' })
  @IsOptional()
  @IsIP(4, { message: '$property must be an IPv4 address' })
  streamOriginIp?: string;

  @OptionalObject(() => PlayerAudioOptionsDto)
  audioOptions?: PlayerAudioOptionsDto;

  @OptionalObject(() => ForkPlayerVideoOptionsDto)
  videoOptions?: ForkPlayerVideoOptionsDto;

  /** Seconds idle before Agora removes the player (the fork's spelling of Agora's `idleTimeout`). @example 300 */
  @ApiPropertyOptional(integerSchema(5, 600))
  @IsOptional()
  @Max(600)
  @Min(5)
  @IsInt()
  idleTimeOut?: number;

  /** When to start playing, in seconds since the epoch (Agora's `playTs`). */
  @ApiPropertyOptional(integerSchema(1, 2 ** 40))
  @IsOptional()
  @Max(2 ** 40)
  @Min(1)
  @IsInt()
  playTs?: number;

  /**
   * Accepted and ignored, as `converterName` on a push: the service names every player itself (unique in the project,
   * so no start can take another player's name). The fork's field (its docs' `playerName` is not one: ignored too).
   */
  @ApiPropertyOptional({ type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9_-]*$', description: 'Accepted and ignored: the service names each player itself.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{0,64}$/, { message: '$property may hold at most 64 of a-z A-Z 0-9 - _' })
  @IsString()
  name?: string;

  /** Encryption needs a key, which the fork never took: a 400 rather than a player Agora cannot start. */
  @ApiHideProperty()
  @Refused('encryptMode is not supported: the player would need a key, which is not taken from requests')
  encryptMode?: never;
}

/** The player a stop or an update names, as the start answered it, and its region when echoed. */
export class ForkPlayerIdDto {
  /** The player's id, as `player.id` of the start's answer. */
  @ApiProperty(FORK_PLAYER_ID_SCHEMA)
  @MaxLength(1000)
  @IsString()
  @IsDefined({ message: '$property is required' })
  playerId: string;

  /** When sent, the player's own region (a 400 naming it otherwise): the player's id already carries it. */
  @ApiPropertyOptional(REGION_SCHEMA)
  @IsOptional()
  @IsString()
  region?: string;
}

/** `POST /rtmp/pull/stop`: the fork's ClientStopPullRequest. */
export class ForkStopPullDto extends ForkPlayerIdDto {}

/** An update's audio: the volume, 0 to 200 (Agora's `audioOptions.volume`; the fork could send only `profile`). */
export class ForkPullVolumeDto {
  @ApiPropertyOptional(integerSchema(0, 200))
  @IsOptional()
  @Max(200)
  @Min(0)
  @IsInt()
  volume?: number;
}

/** `POST /rtmp/pull/update`: the fork's ClientUpdatePullRequest; send at least one change. */
export class ForkUpdatePullDto extends ForkPlayerIdDto {
  /** Another stream to play. */
  @ApiPropertyOptional({ type: 'string', minLength: 8, maxLength: STREAM_URL_MAX_BYTES, pattern: STREAM_URL_PATTERN })
  @IsOptional()
  @IsStreamUrl()
  streamUrl?: string;

  @OptionalObject(() => ForkPullVolumeDto)
  audioOptions?: ForkPullVolumeDto;

  @ApiPropertyOptional({ type: 'boolean' })
  @IsOptional()
  @IsBoolean()
  isPause?: boolean;

  @ApiPropertyOptional(integerSchema(0, 2_147_483_647))
  @IsOptional()
  @Max(2_147_483_647)
  @Min(0)
  @IsInt()
  seekPosition?: number;

  /** Taken and not used: the service sends Agora its own increasing sequence for every update. */
  @ApiPropertyOptional(integerSchema(0, 2 ** 40))
  @IsOptional()
  @Max(2 ** 40)
  @Min(0)
  @IsInt()
  sequenceId?: number;
}
