import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { AgoraTokenSigner } from './agora-token-signer.service.js';
import { agoraConfig } from './agora.config.js';
import { ProjectRegistry } from './projects/project-registry.js';
import { projectRegistryOf, ProjectsReloader } from './projects/projects-reloader.js';
import { ProjectsHealth } from './projects/projects.health.js';
import { TokenExpiryPolicy } from './token-expiry.policy.js';
import { tokenConfig } from './token.config.js';

/**
 * Projects, signing and lifetimes: imported by the token issuer (src/tokens), the one module that signs,
 * and by what reads the projects (inspection; readiness and metrics, for the configuration's generation).
 */
@Module({
  imports: [ConfigModule.forFeature(agoraConfig), ConfigModule.forFeature(tokenConfig), TerminusModule],
  providers: [
    AgoraTokenSigner,
    TokenExpiryPolicy,
    { provide: ProjectRegistry, inject: [agoraConfig.KEY], useFactory: projectRegistryOf },
    ProjectsReloader,
    ProjectsHealth,
  ],
  exports: [AgoraTokenSigner, TokenExpiryPolicy, ProjectRegistry, ProjectsHealth],
})
export class AgoraModule {}
