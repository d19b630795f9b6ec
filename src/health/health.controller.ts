import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator.js';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator.js';
import { HealthStatusDto, PongDto } from './dto/health-status.dto.js';
import { ReadinessIndicators } from './readiness.indicators.js';

const PROBE_RESULT = {
  description: 'Every check is up (Terminus result).',
  schema: { example: { status: 'ok', info: { config: { status: 'up' } }, error: {}, details: { config: { status: 'up' } } } },
};

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly checks: ReadinessIndicators,
  ) {}

  @Get('health')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Health check',
    description: 'Answers 200 while the process is up with valid configuration (it refuses to start otherwise).',
  })
  @ApiOkResponse({ type: HealthStatusDto })
  status(): HealthStatusDto {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('health/live')
  @Header('Cache-Control', 'no-cache, no-store, must-revalidate')
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
      'REDIS_URL is set. Answers 503 once a shutdown has started, so load balancers drain this replica.',
  })
  @ApiOkResponse(PROBE_RESULT)
  @ApiProblemResponses(503)
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.checks.config(),
      () => this.checks.rateLimitStore(),
      () => this.checks.lifecycle(),
    ]);
  }

  @Get('ping')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Ping', description: 'Answers `{"message":"pong"}`, as the community token servers do.' })
  @ApiOkResponse({ type: PongDto })
  ping(): PongDto {
    return { message: 'pong' };
  }
}
