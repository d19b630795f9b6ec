import { AgoraTokenSigner } from '../../src/agora/agora-token-signer.service.js';
import type { TokenFormat } from '../../src/agora/dto/token-format.dto.js';
import type { AgoraProject } from '../../src/agora/projects/project.interface.js';
import { ProjectRegistry } from '../../src/agora/projects/project-registry.js';
import type { AuthorizedGrants, TokenGrant } from '../../src/agora/token-grant.interface.js';
import { TokenExpiryPolicy } from '../../src/agora/token-expiry.policy.js';
import { TokenAuthorizer } from '../../src/auth/authorization/token-authorizer.service.js';
import type { AnonymousCaller } from '../../src/auth/caller.interface.js';
import { MetricsService } from '../../src/metrics/metrics.service.js';
import { ProjectSelector } from '../../src/tokens/project-selector.js';
import { TokenIssuer } from '../../src/tokens/token-issuer.service.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './test-credentials.js';

/** A caller under AUTH_MODE=none, whom no policy limits. */
export const ANONYMOUS: AnonymousCaller = { kind: 'anonymous', id: '127.0.0.1' };

/** The test credentials as the one project APP_ID and APP_CERTIFICATE configure. */
export const TEST_PROJECT: AgoraProject = { name: 'default', appId: TEST_APP_ID, certificate: TEST_APP_CERTIFICATE };

/** The real signer, signing for `project` (the test credentials unless given). */
export function testSigner(project: AgoraProject = TEST_PROJECT) {
  const signer = new AgoraTokenSigner();
  return { sign: (seconds: number, grants: AuthorizedGrants, format?: TokenFormat) => signer.sign(project, seconds, grants, format) };
}

/** Grants through the real authorizer, for an anonymous caller (who may have anything): what the signer takes. */
export function authorized(grants: readonly TokenGrant[]): AuthorizedGrants {
  return new TokenAuthorizer().check(ANONYMOUS, { policyKind: 'rtc' }, 60, grants);
}

/**
 * The real TokenIssuer (signer, project selection, expiry policy, authorizer, metrics) on the test
 * credentials (or the given projects, the first the default), for unit specs of token kinds.
 */
export function testIssuer(limits = { defaultExpireSeconds: 3600, maxExpireSeconds: 86_400 }, projects: readonly AgoraProject[] = [TEST_PROJECT]) {
  const metrics = new MetricsService();
  const authorizer = new TokenAuthorizer();
  const selector = new ProjectSelector(new ProjectRegistry(() => ({ projects })), authorizer);
  const issuer = new TokenIssuer(new AgoraTokenSigner(), selector, new TokenExpiryPolicy(limits), authorizer, metrics);
  return { issuer, metrics } as const;
}
