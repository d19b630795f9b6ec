import { ApiProperty } from '@nestjs/swagger';
import { AGENT_STATES, TRANSCRIPTION_ID_SCHEMA } from '../../../transcription/dto/transcription.dto.js';

const TIMESTAMP = { type: 'string', format: 'date-time', example: '2026-11-30T12:00:00Z', description: 'When this answer was made (UTC, RFC 3339), as the fork added it.' } as const;
const CREATE_TS = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 1764504000, description: 'When Agora started it, in seconds since the epoch.' } as const;

/** A transcription task as the fork answered it (`start`, `query`). */
export class ForkRttTaskDto {
  @ApiProperty(CREATE_TS)
  createTs: number;

  /** Agora's agent state (v7: `RUNNING`, `STOPPED`, …). */
  @ApiProperty({ enum: AGENT_STATES, example: 'RUNNING' })
  status: string;

  /** The transcription's sealed id (the same as /v1's `id`): only its owner may use it. Send it back as it is. */
  @ApiProperty(TRANSCRIPTION_ID_SCHEMA)
  taskId: string;

  @ApiProperty(TIMESTAMP)
  timestamp: string;
}

/** The fork's `acquire` part: v7 has no builder token, so it names the task again, for clients that send it back. */
export class ForkRttAcquireDto {
  /** The task id again (v7 has no builder tokens): clients that send it back as `builderToken` keep working. */
  @ApiProperty(TRANSCRIPTION_ID_SCHEMA)
  tokenName: string;

  @ApiProperty(CREATE_TS)
  createTs: number;

  /** The channel, as the fork named its instance. */
  @ApiProperty({ type: 'string', minLength: 1, maxLength: 63, example: 'test_channel' })
  instanceId: string;

  @ApiProperty(TIMESTAMP)
  timestamp: string;
}

/** The fork's answer to `POST /rtt/start`. */
export class ForkStartRttAnswerDto {
  @ApiProperty({ type: ForkRttAcquireDto })
  acquire: ForkRttAcquireDto;

  @ApiProperty({ type: ForkRttTaskDto })
  start: ForkRttTaskDto;

  @ApiProperty(TIMESTAMP)
  timestamp: string;
}

/** The fork's `stop` part. */
export class ForkRttStopPartDto {
  @ApiProperty(TIMESTAMP)
  timestamp: string;
}

/** The fork's answer to a stop. */
export class ForkStopRttAnswerDto {
  @ApiProperty({ type: ForkRttStopPartDto })
  stop: ForkRttStopPartDto;

  @ApiProperty(TIMESTAMP)
  timestamp: string;
}

/** The fork's answer to `GET /rtt/status/:taskId`. */
export class ForkRttStatusAnswerDto {
  @ApiProperty({ type: ForkRttTaskDto })
  query: ForkRttTaskDto;

  @ApiProperty(TIMESTAMP)
  timestamp: string;
}
