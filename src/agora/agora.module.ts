import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AgoraTokenSigner } from './agora-token-signer.service.js';
import { agoraConfig } from './agora.config.js';
import { ProjectCertificatesLookup, SingleProjectCertificates } from './project-certificates.js';
import { TokenExpiryPolicy } from './token-expiry.policy.js';
import { tokenConfig } from './token.config.js';

/** Credentials, signing and lifetimes: imported by the token issuer (src/tokens), the one module that signs. */
@Module({
  imports: [ConfigModule.forFeature(agoraConfig), ConfigModule.forFeature(tokenConfig)],
  providers: [AgoraTokenSigner, TokenExpiryPolicy, { provide: ProjectCertificatesLookup, useClass: SingleProjectCertificates }],
  exports: [AgoraTokenSigner, TokenExpiryPolicy, ProjectCertificatesLookup],
})
export class AgoraModule {}
