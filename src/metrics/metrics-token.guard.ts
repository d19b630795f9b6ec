import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import { hash, timingSafeEqual } from 'node:crypto';
import { BEARER } from '../auth/strategies/caller-auth.strategy.js';
import { withHeaders } from '../common/problem/problem-headers.js';
import { metricsConfig } from './metrics.config.js';

/** When METRICS_TOKEN is set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(@Inject(metricsConfig.KEY) config: ConfigType<typeof metricsConfig>) {
    this.expected = config.metricsToken === undefined ? undefined : digest(config.metricsToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const token = BEARER.exec(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '')?.[1];
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (token && timingSafeEqual(digest(token), this.expected)) return true;
    throw withHeaders(new UnauthorizedException('Send Authorization: Bearer <METRICS_TOKEN> to read the metrics.'), {
      'WWW-Authenticate': 'Bearer realm="metrics"',
    });
  }
}

function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}
