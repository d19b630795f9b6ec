import { AgoraTokenSigner } from '../../src/agora/agora-token-signer.service.js';
import type { AuthorizedGrants, TokenGrant } from '../../src/agora/token-grant.interface.js';
import { TokenExpiryPolicy } from '../../src/agora/token-expiry.policy.js';
import { TokenAuthorizer } from '../../src/auth/authorization/token-authorizer.service.js';
import type { AnonymousCaller } from '../../src/auth/caller.interface.js';
import { MetricsService } from '../../src/metrics/metrics.service.js';
import { TokenIssuer } from '../../src/tokens/token-issuer.service.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './test-credentials.js';

/** A caller under AUTH_MODE=none, whom no policy limits. */
export const ANONYMOUS: AnonymousCaller = { kind: 'anonymous', id: '127.0.0.1' };

/** The real signer on the test credentials. */
export function testSigner(): AgoraTokenSigner {
  return new AgoraTokenSigner({ appId: TEST_APP_ID, appCertificate: TEST_APP_CERTIFICATE, demo: false });
}

/** Grants through the real authorizer, for an anonymous caller (who may have anything): what the signer takes. */
export function authorized(grants: readonly TokenGrant[]): AuthorizedGrants {
  return new TokenAuthorizer().check(ANONYMOUS, { policyKind: 'rtc' }, 60, grants);
}

/** The real TokenIssuer (signer, expiry policy, authorizer, metrics) on the test credentials, for unit specs of token kinds. */
export function testIssuer(limits = { defaultExpireSeconds: 3600, maxExpireSeconds: 86_400 }) {
  const metrics = new MetricsService();
  const issuer = new TokenIssuer(testSigner(), new TokenExpiryPolicy(limits), new TokenAuthorizer(), metrics);
  return { issuer, metrics } as const;
}
