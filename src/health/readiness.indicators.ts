import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

/**
 * The health module's own checks behind the probes; each answers up or down under its own key.
 * The checks of other parts live with what they check (RateLimitStoreHealth, LifecycleHealth).
 */
@Injectable()
export class ReadinessIndicators {
  constructor(private readonly indicators: HealthIndicatorService) {}

  /** The process answers: all liveness asks for. */
  process(): HealthIndicatorResult<'process'> {
    return this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) });
  }

  /** Configuration is validated at start-up (the process refuses to start otherwise), so a running app has it. */
  config(): HealthIndicatorResult<'config'> {
    return this.indicators.check('config').up();
  }
}
