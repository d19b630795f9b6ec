import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator.js';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator.js';
import { fixedHeaders } from '../common/http/api-response-headers.js';
import { HealthStatusDto, PongDto } from './dto/health-status.dto.js';
import { RateLimitStoreHealth } from '../auth/rate-limit/rate-limit-store.health.js';
import { LifecycleHealth } from '../lifecycle/lifecycle.health.js';
import { ProjectsHealth } from '../agora/projects/projects.health.js';
import { ReadinessIndicators } from './readiness.indicators.js';

/** The Cache-Control of the probes (Terminus's for readiness), so no proxy answers for a replica. */
const PROBE_NO_CACHE = 'no-cache, no-store, must-revalidate';
const NO_STORE = 'no-store';

/** Terminus's checks by name, each with its `status` and what it reports. */
const CHECKS = {
  type: 'object',
  description: 'Each check by name, with its `status` (`up` or `down`) and what it reports.',
  additionalProperties: { type: 'object' },
} as const;

const PROBE_RESULT = {
  description: 'Every check is up (Terminus result).',
  headers: fixedHeaders({ 'Cache-Control': PROBE_NO_CACHE }),
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['status', 'info', 'error', 'details'],
    properties: { status: { type: 'string', enum: ['ok'] }, info: CHECKS, error: CHECKS, details: CHECKS },
    example: { status: 'ok', info: { config: { status: 'up' } }, error: {}, details: { config: { status: 'up' } } },
  },
} as const;

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly checks: ReadinessIndicators,
    private readonly rateLimitStore: RateLimitStoreHealth,
    private readonly lifecycle: LifecycleHealth,
    private readonly projects: ProjectsHealth,
  ) {}

  @Get('health')
  @Header('Cache-Control', NO_STORE)
  @ApiOperation({
    summary: 'Health check',
    description: 'Answers 200 while the process is up with valid configuration (it refuses to start otherwise).',
  })
  @ApiOkResponse({ type: HealthStatusDto, headers: fixedHeaders({ 'Cache-Control': NO_STORE }) })
  status(): HealthStatusDto {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('health/live')
  @Header('Cache-Control', PROBE_NO_CACHE)
  @ApiOperation({ summary: 'Liveness probe', description: 'Answers 200 while the process answers at all, shutting down included.' })
  @ApiOkResponse(PROBE_RESULT)
  live(): HealthCheckResult {
    // Not through HealthCheckService: Terminus answers every check 503 once a shutdown starts, and a
    // draining replica that fails liveness gets restarted by its orchestrator instead of finishing.
    const process = this.checks.process();
    return { status: 'ok', info: process, error: {}, details: process };
  }

  @Get('health/ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness probe',
    description: 'Answers 200 when the service can issue tokens: configuration loaded, Redis reachable when ' +
      'REDIS_URL is set. Answers 503 once a shutdown has started, so load balancers drain this replica. ' +
      'The `projects` check reports the projects configuration served: its `generation` (1 at start-up, one more ' +
      'for each accepted reload), `loadedAt` and `count`.',
  })
  @ApiOkResponse(PROBE_RESULT)
  @ApiProblemResponses(503)
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.checks.config(),
      () => this.projects.check(),
      () => this.rateLimitStore.check(),
      () => this.lifecycle.check(),
    ]);
  }

  @Get('ping')
  @Header('Cache-Control', NO_STORE)
  @ApiOperation({ summary: 'Ping', description: 'Answers `{"message":"pong"}`, as the community token servers do.' })
  @ApiOkResponse({ type: PongDto, headers: fixedHeaders({ 'Cache-Control': NO_STORE }) })
  ping(): PongDto {
    return { message: 'pong' };
  }
}
