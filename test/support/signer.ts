import { AgoraTokenSigner } from '../../src/agora/agora-token-signer.service.js';
import { TokenExpiryPolicy } from '../../src/agora/token-expiry.policy.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './test-credentials.js';

/** The real signer and expiry policy on the test credentials, for unit specs of token services. */
export function signerAndPolicy(limits = { defaultExpireSeconds: 3600, maxExpireSeconds: 86_400 }) {
  const signer = new AgoraTokenSigner({ appId: TEST_APP_ID, appCertificate: TEST_APP_CERTIFICATE, demo: false });
  return { signer, expiry: new TokenExpiryPolicy(limits) } as const;
}
