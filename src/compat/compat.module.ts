import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { compatConfig } from './compat.config.js';
import { RequestValidationPipe } from '../common/validation/request-validation.pipe.js';
import { RecordingModule } from '../recording/recording.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { BackendWebserviceController } from './backend-webservice/backend-webservice.controller.js';
import { ForkRecordingMapper } from './backend-webservice/fork-recording.mapper.js';
import { ForkRtmpPullModule } from './backend-webservice/fork-rtmp-pull.module.js';
import { ForkRtmpPushModule } from './backend-webservice/fork-rtmp-push.module.js';
import { ForkRttModule } from './backend-webservice/fork-rtt.module.js';
import { ExpressTutorialController } from './express-tutorial.controller.js';
import { GetTokenMapper } from './get-token.mapper.js';
import { LegacyTokenIssuer } from './legacy-token.issuer.js';
import { NodeTokenServerController } from './node-token-server.controller.js';
import { SignalingSampleController } from './signaling-sample.controller.js';
import { TokenServiceEmptySegmentsController } from './token-service-empty-segments.controller.js';
import { TokenServicePathMapper } from './token-service-paths.mapper.js';
import { TokenServiceController } from './token-service.controller.js';

/**
 * The routes of the popular community token servers, in their original
 * shapes, on the /v1 token kinds and the TokenIssuer (and the Go fork's cloud recording on the /v1 recording
 * services): one controller per original server.
 * Imported unless LEGACY_ROUTES=false (see AppModule.register).
 */
@Module({
  imports: [TokensModule, RecordingModule, ForkRttModule, ForkRtmpPushModule, ForkRtmpPullModule, ConfigModule.forFeature(compatConfig)],
  controllers: [
    TokenServiceController,
    TokenServiceEmptySegmentsController,
    NodeTokenServerController,
    ExpressTutorialController,
    SignalingSampleController,
    BackendWebserviceController,
  ],
  providers: [LegacyTokenIssuer, GetTokenMapper, TokenServicePathMapper, RequestValidationPipe, ForkRecordingMapper],
})
export class CompatModule {}
