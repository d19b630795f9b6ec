import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, type Metric, Registry } from 'prom-client';
import { RequestDurationHistogram } from './request-duration.histogram.js';

/** Why a request was turned away, for the refusals counter. */
type RefusalReason = 'validation' | 'auth' | 'rate_limit';

/** Which refusal a status code stands for; other statuses are not refusals. */
function refusalReason(status: number): RefusalReason | undefined {
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
 * default process metrics. The per-request paths only bump plain numbers;
 * prom-client reads them when scraped.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly durations = new RequestDurationHistogram();
  /** Tokens issued by kind, then by project. */
  private readonly issued = new Map<string, Map<string, number>>();
  private readonly refused = new Map<string, number>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.registry.registerMetric(this.durations as unknown as Metric);
    const issued = this.issued;
    new Counter({
      name: 'agora_tokens_issued_total',
      help: 'Tokens signed, by token kind (as the request log names it: rtc, rtm, chat-user, chat-app, ...) and project (its name).',
      labelNames: ['kind', 'project'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [kind, byProject] of issued) for (const [project, total] of byProject) this.inc({ kind, project }, total);
      },
    });
    countedAtScrape(
      this.registry,
      'http_requests_refused_total',
      'Requests refused, by reason: validation (400, 413, 415), auth (401, 403), rate_limit (429).',
      'reason',
      this.refused,
    );
  }

  /** Records one answered request; `route` is the route pattern, never the raw URL. */
  requestAnswered(method: string, route: string, status: number, seconds: number): void {
    this.durations.observe(method, route, status, seconds);
    const reason = refusalReason(status);
    if (reason) bump(this.refused, reason);
  }

  /** Counts one signed token; `kind` is its kind's name in the request log (TokenSummary.kind), `project` its project's name. */
  tokenIssued(kind: string, project: string): void {
    let byProject = this.issued.get(kind);
    if (byProject === undefined) this.issued.set(kind, (byProject = new Map()));
    bump(byProject, project);
  }
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** A counter whose totals live in `counts`, copied into prom-client when scraped. */
function countedAtScrape(registry: Registry, name: string, help: string, label: string, counts: Map<string, number>): void {
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset();
      for (const [value, total] of counts) this.inc({ [label]: value }, total);
    },
  });
}
