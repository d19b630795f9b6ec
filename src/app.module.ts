import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AgoraModule } from './agora/agora.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CompatModule } from './compat/compat.module.js';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter.js';
import { compatConfig } from './compat/compat.config.js';
import { AppConfigModule } from './config/config.module.js';
import { HealthModule } from './health/health.module.js';
import { InspectionModule } from './inspection/inspection.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { MediaPushModule } from './media-push/media-push.module.js';
import { MediaPullModule } from './media-pull/media-pull.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RecordingModule } from './recording/recording.module.js';
import { StreamKeysModule } from './stream-keys/stream-keys.module.js';
import { TOKEN_KIND_MODULES } from './token-kinds.registry.js';
import { TranscriptionModule } from './transcription/transcription.module.js';

@Module({
  imports: [
    AppConfigModule,
    LifecycleModule,
    MetricsModule,
    // Before AuthModule, though only TokensModule injects from it: configuration namespaces load in import
    // order, so missing Agora credentials are the first thing a misconfigured start-up reports.
    AgoraModule,
    AuthModule,
    ...TOKEN_KIND_MODULES,
    InspectionModule,
    RecordingModule,
    TranscriptionModule,
    MediaPushModule,
    MediaPullModule,
    StreamKeysModule,
    HealthModule,
  ],
  providers: [
    // The one error step of the request pipeline, for every route (Fastify's error handler calls it
    // too). As a provider rather than app.useGlobalFilters(), so a testing module importing AppModule gets it.
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class AppModule {
  /** The app with the modules its configuration switches on, decided when the app is created. */
  static register(): DynamicModule {
    return { module: AppModule, imports: compatConfig().legacyRoutes ? [CompatModule] : [] };
  }
}
