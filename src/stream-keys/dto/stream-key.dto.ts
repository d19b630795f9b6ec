import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCOUNT_MAX_BYTES, CHANNEL_MAX_BYTES, UINT32_MAX } from '../../agora/agora.constants.js';
import { MEDIA_REGIONS, type MediaRegion } from '../../agora-services/media-region.config.js';
import { byteLimitedSchema, integerSchema } from '../../common/http/api-schema.options.js';
import { MAX_EXPIRES_AFTER_SECONDS } from '../stream-key.rules.js';

/** A sealed id's schema (src/agora-services/sealed-id.codec.ts): the project's name, `.`, the sealed content; URL-safe. */
export const STREAM_KEY_ID_SCHEMA = { type: 'string', minLength: 42, maxLength: 1000, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' } as const;
/** An id in a path: any text up to the router's limit is taken, and anything that is no id of yours answers 404. */
export const STREAM_KEY_ID_PARAM_SCHEMA = { type: 'string', minLength: 1, maxLength: 1024 } as const;

/** A stream key this service created, without the key itself (shown once, in the creation's answer). */
export class StreamKeyDto {
  /**
   * The key's opaque id, for GET and DELETE: only its creator (the same API key or end user) can use it, or an API key
   * whose policy says `resources: any`. It never reveals the key.
   * @example "ZGVmYXVsdA.mC3o6v0vV2b3k0yq0B8Jx1Yh3cQb7d8K5f0Jc2Z1Xw4"
   */
  @ApiProperty(STREAM_KEY_ID_SCHEMA)
  id: string;

  /**
   * The project whose App ID the key publishes into.
   * @example "default"
   */
  project: string;

  @ApiProperty({ enum: MEDIA_REGIONS, example: 'na' })
  region: MediaRegion;

  /** @example "live-stage" */
  @ApiProperty(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  channel: string;

  /** The numeric uid the stream publishes as, when the key was created for one. */
  @ApiPropertyOptional({ ...integerSchema(1, UINT32_MAX), example: 4242 })
  uid?: number;

  /** The string account the stream publishes as, when the key was created for one. */
  @ApiPropertyOptional({ ...byteLimitedSchema(1, ACCOUNT_MAX_BYTES), example: 'stage-camera-1' })
  account?: string;

  /** Seconds the key is valid from its creation; 0 never expires. */
  @ApiProperty({ ...integerSchema(0, MAX_EXPIRES_AFTER_SECONDS), example: 86400 })
  expiresAfterSeconds: number;

  /**
   * When Agora created the key.
   * @example "2026-11-30T12:00:00.000Z"
   */
  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt: string;

  /**
   * When the key stops working; left out for a key that never expires.
   * @example "2026-12-01T12:00:00.000Z"
   */
  @ApiPropertyOptional({ type: 'string', format: 'date-time' })
  expiresAt?: string;
}

/** Where one protocol's stream goes. */
export class IngestEndpointDto {
  /**
   * What streaming software (OBS: Settings → Stream → Custom…) takes as its server; the key goes in its stream-key field.
   * @example "rtmp://rtls-ingress-prod-na.agoramdn.com/live"
   */
  server: string;

  /**
   * The whole URL, key included, for tools that take one (ffmpeg). A secret, as the key is.
   * @example "rtmp://rtls-ingress-prod-na.agoramdn.com/live/2dfMTRxxxxfys"
   */
  url: string;
}

/** Agora's ingest endpoints for the key's region. */
export class IngestDto {
  rtmp: IngestEndpointDto;
  srt: IngestEndpointDto;
}

/** A stream key just created: the one answer that holds the key. */
export class CreatedStreamKeyDto extends StreamKeyDto {
  /**
   * The stream key: a secret that lets anyone holding it publish into the channel as its uid. Shown only here: GET and
   * lists never show it again; keep it, or delete the key and create another.
   * @example "2dfMTRxxxxfys"
   */
  streamKey: string;

  /** Where to send the stream, by protocol (Agora's unified ingest domains for the key's region). */
  ingest: IngestDto;
}

/** The caller's stream keys that Agora still has. */
export class StreamKeyListDto {
  streamKeys: StreamKeyDto[];
}
