import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AgoraModule } from '../agora/agora.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { rateLimitConfig } from '../auth/rate-limit/rate-limit.config.js';
import { recordingConfig } from '../recording/recording.config.js';
import { ProjectSelector } from '../tokens/project-selector.js';
import { OwnershipIndex } from './ownership-index.js';
import { ServiceAccess } from './service-access.service.js';
import { UpdateSequencer } from './update-sequencer.js';

/**
 * What every Agora REST service beside cloud recording shares: who may use it and on what (ServiceAccess), the
 * ownership index behind lists, and the ordering of updates. One instance for the app (one Redis client).
 */
@Module({
  imports: [ConfigModule.forFeature(recordingConfig), ConfigModule.forFeature(rateLimitConfig), AgoraModule, AuthModule],
  providers: [ServiceAccess, OwnershipIndex, UpdateSequencer, ProjectSelector],
  exports: [ServiceAccess, UpdateSequencer],
})
export class AgoraServicesModule {}
