import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AgoraModule } from '../agora/agora.module.js';
import { tokenConfig } from '../agora/token.config.js';
import { AgoraRestModule } from '../agora-rest/agora-rest.module.js';
import { AgoraServicesModule } from '../agora-services/agora-services.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { SpeechToTextApi } from './speech-to-text.api.js';
import { TranscriptionService } from './transcription.service.js';
import { TranscriptionsController } from './transcriptions.controller.js';
import { UpdateSpacing } from './update-spacing.js';

/**
 * Real-time transcription on /v1/transcriptions, over Agora's STT v7 API and the shared Agora services layer. Its
 * service takes plain inputs, so the Go fork's /rtt routes serve the same transcriptions. Off (404) without REST credentials.
 */
@Module({
  imports: [ConfigModule.forFeature(tokenConfig), AgoraModule, AuthModule, AgoraRestModule, AgoraServicesModule, MetricsModule],
  controllers: [TranscriptionsController],
  providers: [SpeechToTextApi, TranscriptionService, UpdateSpacing],
  exports: [TranscriptionService],
})
export class TranscriptionModule {}
