import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AgoraModule } from '../agora/agora.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { HealthController } from './health.controller.js';
import { ReadinessIndicators } from './readiness.indicators.js';

@Module({
  // A failing readiness check is expected while shutting down, not an error worth a log line.
  // Each part's readiness check comes from the module that owns it.
  imports: [TerminusModule.forRoot({ logger: false }), AuthModule, LifecycleModule, AgoraModule],
  controllers: [HealthController],
  providers: [ReadinessIndicators],
})
export class HealthModule {}
