import { registerAs } from '@nestjs/config';
import { ConfigValidationError, EnvInt, validateEnv } from '../config/env-validation.js';

class ShutdownEnv {
  @EnvInt(1, 300)
  SHUTDOWN_TIMEOUT_SECONDS = 10;

  @EnvInt(0, 300)
  SHUTDOWN_DRAIN_SECONDS = 0;
}

/** How a shutdown drains, and how long it may take (see ShutdownState). */
export const shutdownConfig = registerAs('shutdown', () => {
  const env = validateEnv(ShutdownEnv);
  if (env.SHUTDOWN_DRAIN_SECONDS >= env.SHUTDOWN_TIMEOUT_SECONDS) {
    throw new ConfigValidationError(['SHUTDOWN_DRAIN_SECONDS must be less than SHUTDOWN_TIMEOUT_SECONDS']);
  }
  return {
    /** The whole shutdown, drain included, must end within this; past it the process exits 1. */
    shutdownTimeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS,
    /** How long readiness answers 503 while the server still serves, before it stops accepting. */
    shutdownDrainSeconds: env.SHUTDOWN_DRAIN_SECONDS,
  };
});
