import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { HttpMetricsHook } from './http-metrics.hook.js';
import { metricsConfig } from './metrics.config.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/** GET /metrics and the counters other modules feed (the token issuer counts what it issues: it imports this module). */
@Module({
  imports: [ConfigModule.forFeature(metricsConfig)],
  controllers: [MetricsController],
  providers: [MetricsService, HttpMetricsHook],
  exports: [MetricsService],
})
export class MetricsModule {}
