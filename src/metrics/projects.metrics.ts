import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ProjectRegistry } from '../agora/projects/project-registry.js';
import { MetricsService } from './metrics.service.js';

/**
 * The projects configuration's generation and load time, read from the ProjectRegistry when scraped: after a
 * rotation, every replica's generation and loadedAt show whether it took the new certificates.
 */
@Injectable()
export class ProjectsMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly projects: ProjectRegistry,
  ) {}

  onModuleInit(): void {
    const { projects } = this;
    const registers = [this.metrics.registry];
    new Gauge({
      name: 'agora_projects_config_generation',
      help: 'Generation of the projects configuration served: 1 at start-up, one more for each accepted reload.',
      registers,
      collect() {
        this.set(projects.current.generation);
      },
    });
    new Gauge({
      name: 'agora_projects_config_loaded_timestamp_seconds',
      help: 'When the projects configuration served was loaded (Unix time, seconds).',
      registers,
      collect() {
        this.set(projects.current.loadedAt.getTime() / 1000);
      },
    });
    new Gauge({
      name: 'agora_projects',
      help: 'Number of Agora projects configured.',
      registers,
      collect() {
        this.set(projects.current.projects.length);
      },
    });
  }
}
