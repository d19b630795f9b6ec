import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ProjectRegistry } from '../agora/projects/project-registry.js';

/**
 * The health module's own checks behind the probes; each answers up or down under its own key.
 * The checks of other parts live with what they check (RateLimitStoreHealth, LifecycleHealth).
 */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly projects: ProjectRegistry,
  ) {}

  /** The process answers: all liveness asks for. */
  process(): HealthIndicatorResult<'process'> {
    return this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) });
  }

  /** Configuration is validated at start-up (the process refuses to start otherwise), so a running app has it. */
  config(): HealthIndicatorResult<'config'> {
    return this.indicators.check('config').up();
  }

  /**
   * The projects configuration served: its generation (1 at start-up, one more per accepted reload), when it
   * was loaded, and how many projects it holds. Always up: a refused reload keeps the previous generation.
   */
  projectsConfig(): HealthIndicatorResult<'projects'> {
    const { generation, loadedAt, projects } = this.projects.current;
    return this.indicators.check('projects').up({ generation, loadedAt: loadedAt.toISOString(), count: projects.length });
  }
}
