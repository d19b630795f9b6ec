import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AgoraRestModule } from '../agora-rest/agora-rest.module.js';
import { AgoraServicesModule } from '../agora-services/agora-services.module.js';
import { mediaRegionConfig } from '../agora-services/media-region.config.js';
import { MediaPushApi } from './media-push.api.js';
import { MediaPushController } from './media-push.controller.js';
import { MediaPushService } from './media-push.service.js';

/**
 * Media push (Agora's RTMP converters) on /v1/media-push, over the Agora REST client and the shared service access
 * (policy, projects, sealed ids, ownership). Its service takes plain inputs, so the Go fork's /rtmp/push routes serve
 * the same converters. Off (404) when no project has REST credentials.
 */
@Module({
  imports: [ConfigModule.forFeature(mediaRegionConfig), AgoraRestModule, AgoraServicesModule],
  controllers: [MediaPushController],
  providers: [MediaPushApi, MediaPushService],
  exports: [MediaPushService],
})
export class MediaPushModule {}
