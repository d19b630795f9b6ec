import { Module } from '@nestjs/common';
import { AgoraModule } from '../agora/agora.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { ProjectSelector } from './project-selector.js';
import { TokenIssuer } from './token-issuer.service.js';

/**
 * The TokenIssuer, for every module that issues tokens (the token kinds'
 * feature modules, the compatibility routes). It brings the signer (agora),
 * the authorizer (auth), the projects (agora) and the tokens-issued counter (metrics) together.
 */
@Module({
  imports: [AgoraModule, AuthModule, MetricsModule],
  providers: [TokenIssuer, ProjectSelector],
  exports: [TokenIssuer],
})
export class TokensModule {}
