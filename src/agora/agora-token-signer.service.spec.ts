import { decodeToken } from '../../test/support/decode-token.js';
import { authorized, TEST_PROJECT, testSigner } from '../../test/support/signer.js';
import { TEST_APP_CERTIFICATE } from '../../test/support/test-credentials.js';
import { AgoraTokenSigner } from './agora-token-signer.service.js';

describe('AgoraTokenSigner', () => {
  const signer = testSigner();

  it('records the lifetime as seconds from the issue time, not as a timestamp', () => {
    const signed = signer.sign(86_400, authorized([{ service: 'rtm', userId: 'u', loginSeconds: 86_400 }]));
    const token = decodeToken(signed.token);

    // A timestamp here (now + 86400) is the classic bug: Agora reads it as ~56 years.
    expect(token.expire).toBe(86_400);
    expect(signed.expiresAt.getTime() - signed.issuedAt.getTime()).toBe(86_400_000);
  });

  it('puts several services in one token', () => {
    const signed = signer.sign(
      60,
      authorized([
        { service: 'rtm', userId: 'u', loginSeconds: 60 },
        { service: 'rtc', channel: 'c', user: 'u', privileges: { joinChannel: 60 } },
      ]),
    );

    expect(decodeToken(signed.token).serviceCount).toBe(2);
  });

  it('throws rather than return an empty token when agora-token refuses the credentials', () => {
    const broken = { name: 'broken', appId: 'not-hex', certificate: TEST_APP_CERTIFICATE };

    expect(() => new AgoraTokenSigner().sign(broken, 60, authorized([{ service: 'chat-app', seconds: 60 }]))).toThrow('empty token');
  });

  it('signs only grants the authorizer produced: skipping the policy check does not compile', () => {
    const grants = [{ service: 'chat-app', seconds: 60 }] as const;
    // Never called: what is checked is that the compiler refuses it (npm test type-checks specs first).
    // @ts-expect-error plain grants are not AuthorizedGrants
    const skipsTheCheck = () => new AgoraTokenSigner().sign(TEST_PROJECT, 60, grants);
    // @ts-expect-error nor is an array that merely looks like them
    const forgesIt = () => new AgoraTokenSigner().sign(TEST_PROJECT, 60, Object.assign([...grants], { authorized: true }));

    expect(decodeToken(signer.sign(60, authorized(grants)).token).chat).toEqual({ userId: '', privileges: { app: 60 } });
  });
});
