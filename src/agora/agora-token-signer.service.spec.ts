import { decodeToken } from '../../test/support/decode-token.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import { AgoraTokenSigner } from './agora-token-signer.service.js';

describe('AgoraTokenSigner', () => {
  const signer = new AgoraTokenSigner({ appId: TEST_APP_ID, appCertificate: TEST_APP_CERTIFICATE, demo: false });

  it('records the lifetime as seconds from the issue time, not as a timestamp', () => {
    const signed = signer.sign(86_400, [{ service: 'rtm', userId: 'u', loginSeconds: 86_400 }]);
    const token = decodeToken(signed.token);

    // A timestamp here (now + 86400) is the classic bug: Agora reads it as ~56 years.
    expect(token.expire).toBe(86_400);
    expect(signed.expiresAt.getTime() - signed.issuedAt.getTime()).toBe(86_400_000);
  });

  it('puts several services in one token', () => {
    const signed = signer.sign(60, [
      { service: 'rtm', userId: 'u', loginSeconds: 60 },
      { service: 'rtc', channel: 'c', user: 'u', privileges: { joinChannel: 60 } },
    ]);

    expect(decodeToken(signed.token).serviceCount).toBe(2);
  });

  it('throws rather than return an empty token when agora-token refuses the credentials', () => {
    const broken = new AgoraTokenSigner({ appId: 'not-hex', appCertificate: TEST_APP_CERTIFICATE, demo: false });

    expect(() => broken.sign(60, [{ service: 'chat-app', seconds: 60 }])).toThrow('empty token');
  });
});
