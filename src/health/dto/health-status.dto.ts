import { ApiProperty } from '@nestjs/swagger';
import { integerSchema } from '../../common/http/api-schema.options.js';

/** The service's health. */
export class HealthStatusDto {
  /**
   * `ok` while the service can issue tokens.
   * @example "ok"
   */
  status: 'ok';

  /**
   * Seconds since the process started.
   * @example 120
   */
  @ApiProperty(integerSchema(0, Number.MAX_SAFE_INTEGER))
  uptimeSeconds: number;
}

/** The answer to `GET /ping`. */
export class PongDto {
  /** @example "pong" */
  message: 'pong';
}
