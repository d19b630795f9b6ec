import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AgoraModule } from './agora/agora.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ChatModule } from './chat/chat.module.js';
import { CompatModule } from './compat/compat.module.js';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter.js';
import { RequestValidationPipe } from './common/validation/request-validation.pipe.js';
import { compatConfig } from './compat/compat.config.js';
import { AppConfigModule } from './config/config.module.js';
import { HealthModule } from './health/health.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RtcModule } from './rtc/rtc.module.js';
import { RtmModule } from './rtm/rtm.module.js';

@Module({
  imports: [
    AppConfigModule,
    LifecycleModule,
    MetricsModule,
    AgoraModule,
    AuthModule,
    RtcModule,
    RtmModule,
    ChatModule,
    HealthModule,
  ],
  providers: [
    // As providers rather than app.useGlobal*(), so a testing module importing AppModule gets them too.
    { provide: APP_PIPE, useClass: RequestValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class AppModule {
  /** The app with the modules its configuration switches on, decided when the app is created. */
  static register(): DynamicModule {
    return { module: AppModule, imports: compatConfig().legacyRoutes ? [CompatModule] : [] };
  }
}
