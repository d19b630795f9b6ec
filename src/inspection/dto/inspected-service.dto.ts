import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';

/**
 * What a token can hold in a text field, whichever server made it: a uint16 length in bytes. (Agora's own
 * limits, 64 bytes for a channel, are for what it accepts; inspection shows what the token says.)
 */
const TOKEN_TEXT = byteLimitedSchema(0, 65_535);

/** When one privilege of a service ends. */
export class PrivilegeExpiryDto {
  /**
   * When the privilege ends; null when the token sets no limit of its own for it (the token's expiry applies).
   * @example "2026-11-30T09:00:00.000Z"
   */
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  expiresAt: string | null;
}

/** The resources a Signaling 2 (`rtm2`) token may read and write, per resource type. */
export class ResourceAccessDto {
  /** @example ["lobby"] */
  @ApiPropertyOptional({ type: 'array', items: { type: 'string' } })
  read?: string[];

  /** @example ["lobby"] */
  @ApiPropertyOptional({ type: 'array', items: { type: 'string' } })
  write?: string[];
}

/** One Agora service a token holds. */
@ApiExtraModels(PrivilegeExpiryDto, ResourceAccessDto)
export class InspectedServiceDto {
  /**
   * The Agora service, by agora-token's name: `rtc`, `rtm` (Signaling), `rtm2` (Signaling with permissions),
   * `streaming`, `fpa`, `chat`, `fcdn`, `apaas` (Flexible Classroom), `convoai`, `stt`.
   * @example "rtc"
   */
  @ApiProperty({ enum: ['rtc', 'rtm', 'streaming', 'fpa', 'chat', 'fcdn', 'apaas', 'rtm2', 'convoai', 'stt'] })
  kind: string;

  /**
   * The channel (RTC, streaming, FCDN).
   * @example "demo-room"
   */
  @ApiPropertyOptional(TOKEN_TEXT)
  channel?: string;

  /**
   * The user: an RTC uid (digits) or account, a Signaling or Chat user id, a classroom user uuid. Empty for
   * uid 0 (any uid) and for app-wide services.
   * @example "42"
   */
  @ApiPropertyOptional(TOKEN_TEXT)
  user?: string;

  /**
   * Flexible Classroom: the room uuid (empty for a user or app token).
   * @example "room-1"
   */
  @ApiPropertyOptional({ type: 'string', maxLength: TOKEN_TEXT.maxLength })
  room?: string;

  /**
   * Flexible Classroom: the role in the room (1 teacher, 2 student, 3 assistant; -1 none).
   * @example 2
   */
  @ApiPropertyOptional({ type: 'integer', minimum: -32768, maximum: 32767 })
  role?: number;

  /** Signaling 2: what the user may read and write, by resource type (`messageChannels`, `streamChannels`, `groupChannels`, `serverGroups`, `users`). */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ResourceAccessDto' } })
  permissions?: Record<string, ResourceAccessDto>;

  /** Each privilege by name (`joinChannel`, `publishAudio`, `login`, …) and when it ends. */
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/PrivilegeExpiryDto' } })
  privileges: Record<string, PrivilegeExpiryDto>;
}
