import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ShutdownState } from './shutdown-state.js';

/** Readiness of the process's life: down from the moment a shutdown starts, so load balancers stop sending traffic here. */
@Injectable()
export class LifecycleHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly shutdown: ShutdownState,
  ) {}

  check(): HealthIndicatorResult<'lifecycle'> {
    const check = this.indicators.check('lifecycle');
    return this.shutdown.shuttingDown ? check.down({ message: 'shutting down' }) : check.up();
  }
}
