import { Global, Module } from '@nestjs/common';
import { AgoraTokenSigner } from './agora-token-signer.service.js';
import { TokenExpiryPolicy } from './token-expiry.policy.js';

/** Credentials, signing and lifetimes, shared by every token feature. */
@Global()
@Module({
  providers: [AgoraTokenSigner, TokenExpiryPolicy],
  exports: [AgoraTokenSigner, TokenExpiryPolicy],
})
export class AgoraModule {}
