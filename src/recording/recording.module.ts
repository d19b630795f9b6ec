import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AgoraModule } from '../agora/agora.module.js';
import { tokenConfig } from '../agora/token.config.js';
import { AgoraRestModule } from '../agora-rest/agora-rest.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { ProjectSelector } from '../tokens/project-selector.js';
import { CloudRecordingApi } from './cloud-recording.api.js';
import { recordingConfig } from './recording.config.js';
import { RecordingOperations } from './recording-operations.service.js';
import { RecordingStarter } from './recording-starter.service.js';
import { RecordingsController } from './recordings.controller.js';

/**
 * Cloud recording on /v1/recordings, over the Agora REST client. Its services take plain inputs, so other routes
 * (the Go fork's /cloud_recording/*) can serve the same recordings. Off (404) without REST credentials or storage.
 */
@Module({
  imports: [ConfigModule.forFeature(recordingConfig), ConfigModule.forFeature(tokenConfig), AgoraModule, AuthModule, AgoraRestModule, MetricsModule],
  controllers: [RecordingsController],
  // ProjectSelector chooses the recording's project exactly as it chooses a token's.
  providers: [CloudRecordingApi, ProjectSelector, RecordingStarter, RecordingOperations],
  exports: [RecordingStarter, RecordingOperations],
})
export class RecordingModule {}
