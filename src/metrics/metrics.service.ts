import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, type Metric, Registry } from 'prom-client';
import { RequestDurationHistogram } from './request-duration.histogram.js';

/**
 * How one attempt of an outbound Agora REST call ended: answered 2xx, answered an error, gave no answer in
 * time, could not reach Agora (or lost the connection), or was refused for Agora's rate limit (429).
 */
export type UpstreamOutcome = 'ok' | 'error' | 'timeout' | 'unreachable' | 'rate_limited';

/** Upper bounds in seconds for Agora REST calls: tens of milliseconds when near, up to a ~20 s synchronous stop. */
const UPSTREAM_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30];

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
  /** Upstream attempts by `api` then outcome. */
  private readonly upstream = new Map<string, Map<UpstreamOutcome, number>>();
  /**
   * prom-client's own histogram: its few microseconds of label checks per observation (see
   * RequestDurationHistogram) are nothing beside an outbound call's milliseconds.
   */
  private readonly upstreamDurations: Histogram<'api'>;

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
    const upstream = this.upstream;
    new Counter({
      name: 'agora_upstream_requests_total',
      help: 'Attempts of outbound Agora REST calls, by API (recording.start, ...) and outcome (ok, error, timeout, unreachable, rate_limited).',
      labelNames: ['api', 'outcome'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [api, byOutcome] of upstream) for (const [outcome, total] of byOutcome) this.inc({ api, outcome }, total);
      },
    });
    this.upstreamDurations = new Histogram({
      name: 'agora_upstream_request_duration_seconds',
      help: 'Time from sending an outbound Agora REST attempt to its answer (or failure), by API.',
      labelNames: ['api'],
      buckets: UPSTREAM_BUCKETS,
      registers: [this.registry],
    });
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

  /** Records one attempt of an outbound Agora REST call; `api` is its name (`recording.start`), never a path. */
  upstreamAttempt(api: string, outcome: UpstreamOutcome, seconds: number): void {
    let byOutcome = this.upstream.get(api);
    if (byOutcome === undefined) this.upstream.set(api, (byOutcome = new Map()));
    bump(byOutcome, outcome);
    this.upstreamDurations.observe({ api }, seconds);
  }
}

function bump<K>(counts: Map<K, number>, key: K): void {
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
