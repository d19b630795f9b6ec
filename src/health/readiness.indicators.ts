import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { RateLimitStore } from '../auth/rate-limit/rate-limit.store.js';
import { ShutdownState } from '../lifecycle/shutdown-state.js';

/** The checks behind the probes; each answers up or down under its own key. */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly shutdown: ShutdownState,
    private readonly rateLimits: RateLimitStore,
  ) {}

  /** The process answers: all liveness asks for. */
  process(): HealthIndicatorResult<'process'> {
    return this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) });
  }

  /** Configuration is validated at start-up (the process refuses to start otherwise), so a running app has it. */
  config(): HealthIndicatorResult<'config'> {
    return this.indicators.check('config').up();
  }

  /** Down from the moment a shutdown starts, so load balancers stop sending traffic here. */
  lifecycle(): HealthIndicatorResult<'lifecycle'> {
    const check = this.indicators.check('lifecycle');
    return this.shutdown.shuttingDown ? check.down({ message: 'shutting down' }) : check.up();
  }

  /**
   * With REDIS_URL set, Redis must answer a PING: replicas share their rate
   * limits there. (Requests are still served while it is down, each replica
   * counting on its own, but the replica reports itself not ready.)
   */
  async rateLimitStore(): Promise<HealthIndicatorResult<'rateLimitStore'>> {
    const check = this.indicators.check('rateLimitStore');
    const { store, up } = await this.rateLimits.ping();
    return up ? check.up({ store }) : check.down({ store, message: 'Redis does not answer at REDIS_URL' });
  }
}
