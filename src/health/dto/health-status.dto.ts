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
  uptimeSeconds: number;
}

/** The answer to `GET /ping`. */
export class PongDto {
  /** @example "pong" */
  message: 'pong';
}
