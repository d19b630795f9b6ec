import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ProjectRegistry } from './project-registry.js';

/**
 * Readiness of the projects configuration: its generation (1 at start-up, one more per accepted reload),
 * when it was loaded, and how many projects it holds. Always up: a refused reload keeps the previous
 * generation serving, so a replica never leaves the load balancer over a broken file.
 */
@Injectable()
export class ProjectsHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly projects: ProjectRegistry,
  ) {}

  check(): HealthIndicatorResult<'projects'> {
    const { generation, loadedAt, projects } = this.projects.current;
    return this.indicators.check('projects').up({ generation, loadedAt: loadedAt.toISOString(), count: projects.length });
  }
}
