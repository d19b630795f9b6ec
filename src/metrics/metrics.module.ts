import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AgoraModule } from '../agora/agora.module.js';
import { HttpMetricsHook } from './http-metrics.hook.js';
import { metricsConfig } from './metrics.config.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { ProjectsMetrics } from './projects.metrics.js';

/** GET /metrics and the counters other modules feed (the token issuer counts what it issues: it imports this module). */
@Module({
  imports: [ConfigModule.forFeature(metricsConfig), AgoraModule],
  controllers: [MetricsController],
  providers: [MetricsService, HttpMetricsHook, ProjectsMetrics],
  exports: [MetricsService],
})
export class MetricsModule {}
