import { registerAs } from '@nestjs/config';
import { IsOptional, Matches } from 'class-validator';
import { validateEnv } from '../config/env-validation.js';

class MetricsEnv {
  @IsOptional()
  @Matches(/^\S{16,}$/, { message: 'METRICS_TOKEN must be at least 16 characters without spaces' })
  METRICS_TOKEN?: string;
}

/** Who may scrape /metrics. */
export const metricsConfig = registerAs('metrics', () => {
  const env = validateEnv(MetricsEnv);
  /** When set, GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`. */
  return { metricsToken: env.METRICS_TOKEN };
});
