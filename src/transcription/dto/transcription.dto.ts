import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNEL_MAX_BYTES } from '../../agora/agora.constants.js';
import { byteLimitedSchema } from '../../common/http/api-schema.options.js';

/** The schema of a transcription's opaque id. */
export const TRANSCRIPTION_ID_SCHEMA = { type: 'string', minLength: 1, maxLength: 1024, pattern: '^[A-Za-z0-9_.-]+$' } as const;

/** Agora's agent states. */
export const AGENT_STATES = ['IDLE', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'RECOVERING', 'FAILED', 'UNKNOWN'] as const;

/** A transcription this service started: its id, and what Agora calls it. */
export class TranscriptionDto {
  /**
   * The transcription's opaque id, for GET, PATCH and DELETE: only its owner (the API key or end user that started it)
   * can use it, on any replica, after any restart.
   */
  @ApiProperty({ ...TRANSCRIPTION_ID_SCHEMA, example: 'djEuZGVmYXVsdA.Qm9vdHN0cmFwcGVkLWlk.c2VhbGVkLWRhdGE' })
  id: string;

  /**
   * The project that transcribes (its App ID and REST credentials).
   * @example "default"
   */
  project: string;

  /** @example "demo-room" */
  @ApiProperty(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  channel: string;

  /**
   * Agora's agent id.
   * @example "1NT29X11GQSxxxxx80BEIN56XF"
   */
  agentId: string;

  /** The agent's state as Agora last reported it (`UNKNOWN` when its answer named none). */
  @ApiProperty({ enum: AGENT_STATES, example: 'RUNNING' })
  status: string;

  /** The uid the transcription bot publishes captions from (stream messages), chosen by this service. */
  @ApiProperty({ type: 'string', pattern: '^[1-9][0-9]{0,9}$', example: '3141592653' })
  botUid: string;

  /**
   * When it started.
   * @example "2026-11-30T12:00:00.000Z"
   */
  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt: string;
}

/** A stopped transcription. */
export class StoppedTranscriptionDto extends TranscriptionDto {
  /** Agora had already stopped it (idle for maxIdleTime, or stopped before): nothing was left to stop. */
  alreadyStopped: boolean;
}

/** One transcription of a list: what Agora's list (or, for one not RUNNING, its query) reports of it. */
export class ListedTranscriptionDto {
  @ApiProperty({ ...TRANSCRIPTION_ID_SCHEMA })
  id: string;

  /** @example "default" */
  project: string;

  @ApiProperty(byteLimitedSchema(1, CHANNEL_MAX_BYTES))
  channel: string;

  /** @example "1NT29X11GQSxxxxx80BEIN56XF" */
  agentId: string;

  @ApiProperty({ enum: AGENT_STATES, example: 'RUNNING' })
  status: string;

  /** When Agora started it, as its list or query reports it. */
  @ApiPropertyOptional({ type: 'string', format: 'date-time' })
  startedAt?: string;
}

/** The transcriptions of a channel that the caller may reach and Agora has not ended. */
export class TranscriptionListDto {
  @ApiProperty({ type: [ListedTranscriptionDto] })
  items: ListedTranscriptionDto[];
}
