import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AgoraModule } from '../agora/agora.module.js';
import { tokenConfig } from '../agora/token.config.js';
import { AgoraRestModule } from '../agora-rest/agora-rest.module.js';
import { AgoraServicesModule } from '../agora-services/agora-services.module.js';
import { mediaRegionConfig } from '../agora-services/media-region.config.js';
import { AuthModule } from '../auth/auth.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { CloudPlayerApi } from './cloud-player.api.js';
import { MediaPullController } from './media-pull.controller.js';
import { MediaPullService } from './media-pull.service.js';

/**
 * Media pull (Agora's cloud player) on /v1/media-pull, over the Agora REST client and the shared layer of Agora
 * services (policy, sealed ids, ownership index). Its service takes plain inputs, so the Go fork's /rtmp/pull routes
 * serve the same players.
 */
@Module({
  imports: [
    ConfigModule.forFeature(tokenConfig),
    ConfigModule.forFeature(mediaRegionConfig),
    AgoraModule,
    AuthModule,
    AgoraRestModule,
    AgoraServicesModule,
    MetricsModule,
  ],
  controllers: [MediaPullController],
  providers: [CloudPlayerApi, MediaPullService],
  exports: [MediaPullService],
})
export class MediaPullModule {}
