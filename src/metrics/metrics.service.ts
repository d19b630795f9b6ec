import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { TokenSummary } from '../agora/token-summary.js';

/** Why a request was turned away, for the refusals counter. */
export type RefusalReason = 'validation' | 'auth' | 'rate_limit';

/** Which refusal a status code stands for; other statuses are not refusals. */
export function refusalReason(status: number): RefusalReason | undefined {
  switch (status) {
    case 400:
    case 413:
    case 415:
      return 'validation';
    case 401:
    case 403:
      return 'auth';
    case 429:
      return 'rate_limit';
    default:
      return undefined;
  }
}

/**
 * The service's Prometheus metrics, in a registry of its own (so several
 * applications in one process, as in the tests, never collide), with Node's
 * default process metrics.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  private readonly tokensIssued = new Counter({
    name: 'agora_tokens_issued_total',
    help: 'Tokens signed, by kind (rtc, rtm, chat-user, chat-app).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  private readonly refusals = new Counter({
    name: 'http_requests_refused_total',
    help: 'Requests refused, by reason: validation (400, 413, 415), auth (401, 403), rate_limit (429).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  /** Label lookups hash their values on every call; one child per series skips that on the hot path. */
  private readonly durationSeries = new Map<string, Histogram.Internal<'method' | 'route' | 'status_code'>>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Records one answered request; `route` is the route pattern, never the raw URL. */
  requestAnswered(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let series = this.durationSeries.get(key);
    if (!series) {
      series = this.requestDuration.labels(method, route, String(status));
      this.durationSeries.set(key, series);
    }
    series.observe(seconds);
    const reason = refusalReason(status);
    if (reason) this.refusals.inc({ reason });
  }

  tokenIssued(kind: TokenSummary['kind']): void {
    this.tokensIssued.inc({ kind });
  }
}
