import { AgoraTokenSigner } from '../../src/agora/agora-token-signer.service.js';
import { TokenExpiryPolicy } from '../../src/agora/token-expiry.policy.js';
import { TokenAuthorizer } from '../../src/auth/authorization/token-authorizer.service.js';
import type { AnonymousCaller } from '../../src/auth/caller.interface.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './test-credentials.js';

/** A caller under AUTH_MODE=none, whom no policy limits. */
export const ANONYMOUS: AnonymousCaller = { kind: 'anonymous', id: '127.0.0.1' };

/** The real signer, expiry policy and authorizer on the test credentials, for unit specs of token services. */
export function signerAndPolicy(limits = { defaultExpireSeconds: 3600, maxExpireSeconds: 86_400 }) {
  const signer = new AgoraTokenSigner({ appId: TEST_APP_ID, appCertificate: TEST_APP_CERTIFICATE, demo: false });
  const expiry = new TokenExpiryPolicy(limits);
  return { signer, expiry, authorizer: new TokenAuthorizer(expiry) } as const;
}
