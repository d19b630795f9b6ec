import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AgoraModule } from '../agora/agora.module.js';
import { tokenConfig } from '../agora/token.config.js';
import { AgoraRestModule } from '../agora-rest/agora-rest.module.js';
import { AgoraServicesModule } from '../agora-services/agora-services.module.js';
import { mediaRegionConfig } from '../agora-services/media-region.config.js';
import { AuthModule } from '../auth/auth.module.js';
import { StreamKeysApi } from './stream-keys.api.js';
import { StreamKeysController } from './stream-keys.controller.js';
import { StreamKeysService } from './stream-keys.service.js';

/**
 * Agora Media Gateway stream keys on /v1/stream-keys, over the Agora REST client and the shared service access
 * (policy, sealed ids, ownership index). Off (404) without REST credentials.
 */
@Module({
  imports: [
    ConfigModule.forFeature(mediaRegionConfig),
    ConfigModule.forFeature(tokenConfig),
    AgoraModule,
    AuthModule,
    AgoraRestModule,
    AgoraServicesModule,
  ],
  controllers: [StreamKeysController],
  providers: [StreamKeysApi, StreamKeysService],
  exports: [StreamKeysService],
})
export class StreamKeysModule {}
