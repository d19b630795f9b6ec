import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MetricsModule } from '../metrics/metrics.module.js';
import { AgoraRestClient } from './agora-rest.client.js';
import { agoraRestConfig } from './agora-rest.config.js';

/**
 * The outbound Agora REST client, configured once (AGORA_API_BASE_URL, AGORA_API_FALLBACK_URL,
 * AGORA_API_RETRY_BASE_MS): a feature that calls Agora's REST APIs (cloud recording, …) imports this module
 * and injects AgoraRestClient. It counts its calls in the MetricsModule's registry.
 */
@Module({
  imports: [ConfigModule.forFeature(agoraRestConfig), MetricsModule],
  providers: [AgoraRestClient],
  exports: [AgoraRestClient],
})
export class AgoraRestModule {}
