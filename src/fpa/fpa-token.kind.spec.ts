import { FpaTokenBuilder } from 'agora-token';
import { kFpaServiceType } from 'agora-token/src/AccessToken2.js';
import { ANONYMOUS, testIssuer } from '../../test/support/signer.js';
import { tokenContent } from '../../test/support/token-services.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import { decodeToken } from '../../test/support/decode-token.js';
import { FPA_TOKEN } from './fpa-token.kind.js';

describe('FPA_TOKEN', () => {
  const { issuer, metrics } = testIssuer();

  it('signs what FpaTokenBuilder.buildToken makes: one FPA login service (0: as long as the token), for 24 h', () => {
    const issued = issuer.issue(FPA_TOKEN, {}, ANONYMOUS);
    const ours = tokenContent(issued.token);

    expect(ours).toEqual(tokenContent(FpaTokenBuilder.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE)));
    expect(ours).toEqual({ appId: TEST_APP_ID, expire: 86_400, services: [{ __type: kFpaServiceType, __privileges: { 1: 0 } }] });
    expect(decodeToken(issued.token).verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(decodeToken(issued.token).verifies(OTHER_CERTIFICATE)).toBe(false);
    expect(issued.expireSeconds).toBe(86_400);
    expect(issued.expiresAt.getTime() - issued.issuedAt.getTime()).toBe(86_400_000);
  });

  it('is signed for 24 h whatever the configured default lifetime', () => {
    const { issuer: shortDefault } = testIssuer({ defaultExpireSeconds: 60, maxExpireSeconds: 86_400 });

    expect(decodeToken(shortDefault.issue(FPA_TOKEN, {}, ANONYMOUS).token).expire).toBe(86_400);
  });

  it('is refused, naming expireSeconds, when the configured ceiling is below its fixed 24 h', () => {
    const { issuer: capped } = testIssuer({ defaultExpireSeconds: 60, maxExpireSeconds: 3600 });

    expect(() => capped.issue(FPA_TOKEN, {}, ANONYMOUS)).toThrow(
      expect.objectContaining({ errors: [{ field: 'expireSeconds', message: 'expireSeconds must not be greater than 3600 (the configured maximum)' }] }),
    );
  });

  it('is counted as fpa', async () => {
    issuer.issue(FPA_TOKEN, {}, ANONYMOUS);

    expect(await metrics.registry.getSingleMetricAsString('agora_tokens_issued_total')).toMatch(/kind="fpa",project="default"} [1-9]/);
  });
});
