import { registerAs } from '@nestjs/config';
import { IsOptional, Matches } from 'class-validator';
import { ConfigValidationError, EnvInt, validateEnv } from './env-validation.js';

class OperationsEnv {
  @IsOptional()
  @Matches(/^\S{16,}$/, { message: 'METRICS_TOKEN must be at least 16 characters without spaces' })
  METRICS_TOKEN?: string;

  @EnvInt(1, 300)
  SHUTDOWN_TIMEOUT_SECONDS = 10;

  @EnvInt(0, 300)
  SHUTDOWN_DRAIN_SECONDS = 0;
}

/** How operators run the service: who may scrape /metrics, how a shutdown drains. */
export const operationsConfig = registerAs('operations', () => {
  const env = validateEnv(OperationsEnv);
  if (env.SHUTDOWN_DRAIN_SECONDS >= env.SHUTDOWN_TIMEOUT_SECONDS) {
    throw new ConfigValidationError(['SHUTDOWN_DRAIN_SECONDS must be less than SHUTDOWN_TIMEOUT_SECONDS']);
  }
  return {
    /** When set, GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`. */
    metricsToken: env.METRICS_TOKEN,
    /** The whole shutdown, drain included, must end within this; past it the process exits 1. */
    shutdownTimeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS,
    /** How long readiness answers 503 while the server still serves, before it stops accepting. */
    shutdownDrainSeconds: env.SHUTDOWN_DRAIN_SECONDS,
  };
});
