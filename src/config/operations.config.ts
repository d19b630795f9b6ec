import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { validateEnv } from './env-validation.js';

class OperationsEnv {
  @IsOptional()
  @Matches(/^\S{16,}$/, { message: 'METRICS_TOKEN must be at least 16 characters without spaces' })
  METRICS_TOKEN?: string;

  @Type(() => Number)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_SECONDS must be an integer' })
  @Min(1, { message: 'SHUTDOWN_TIMEOUT_SECONDS must be between 1 and 300' })
  @Max(300, { message: 'SHUTDOWN_TIMEOUT_SECONDS must be between 1 and 300' })
  SHUTDOWN_TIMEOUT_SECONDS = 10;
}

/** How operators run the service: who may scrape /metrics, how long a shutdown may drain. */
export const operationsConfig = registerAs('operations', () => {
  const env = validateEnv(OperationsEnv);
  return {
    /** When set, GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`. */
    metricsToken: env.METRICS_TOKEN,
    shutdownTimeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS,
  };
});
