import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { RateLimitStore } from './rate-limit.store.js';

/**
 * Readiness of the rate-limit counters: with REDIS_URL set, Redis must answer a PING, since
 * replicas share their rate limits there. (Requests are still served while it is down, each
 * replica counting on its own, but the replica reports itself not ready.)
 */
@Injectable()
export class RateLimitStoreHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly store: RateLimitStore,
  ) {}

  async check(): Promise<HealthIndicatorResult<'rateLimitStore'>> {
    const check = this.indicators.check('rateLimitStore');
    const { store, up } = await this.store.ping();
    return up ? check.up({ store }) : check.down({ store, message: 'Redis does not answer at REDIS_URL' });
  }
}
