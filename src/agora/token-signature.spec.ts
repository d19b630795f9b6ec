import { createRequire } from 'node:module';
import { FpaTokenBuilder, RtcRole, RtcTokenBuilder } from 'agora-token';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import type { AgoraProject } from './projects/project.interface.js';
import { signedWithCertificate, whichCertificate } from './token-signature.js';

const { RtcTokenBuilder: RtcTokenBuilder006 } = createRequire(import.meta.url)('agora-token/src/RtcTokenBuilder.js') as {
  RtcTokenBuilder: { buildTokenWithUid(...args: unknown[]): string };
};

describe('whichCertificate', () => {
  const THIRD = '00112233445566778899aabbccddeeff';
  const rotating: AgoraProject = { name: 'app', appId: TEST_APP_ID, certificate: OTHER_CERTIFICATE, secondaryCertificate: TEST_APP_CERTIFICATE };
  const token = (certificate: string) => RtcTokenBuilder.buildTokenWithUid(TEST_APP_ID, certificate, 'room', 1, RtcRole.SUBSCRIBER, 60, 60);

  it('names the certificate that signed a token, primary first, and unknown for any other', () => {
    expect(whichCertificate(token(OTHER_CERTIFICATE), rotating)).toBe('primary');
    expect(whichCertificate(token(TEST_APP_CERTIFICATE), rotating)).toBe('secondary');
    expect(whichCertificate(token(THIRD), rotating)).toBe('unknown');
    expect(whichCertificate(token(TEST_APP_CERTIFICATE), { ...rotating, secondaryCertificate: undefined })).toBe('unknown');
    expect(whichCertificate(token(TEST_APP_CERTIFICATE), undefined)).toBe('unknown');
  });

  it('verifies every service type, and nothing that is not a token', () => {
    expect(signedWithCertificate(FpaTokenBuilder.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE), TEST_APP_CERTIFICATE)).toBe(true);
    expect(signedWithCertificate('007garbage', TEST_APP_CERTIFICATE)).toBe(false);
    expect(signedWithCertificate(token(TEST_APP_CERTIFICATE).slice(0, -4), TEST_APP_CERTIFICATE)).toBe(false);
  });

  it('verifies a 006 token only with the channel and uid it signs', () => {
    const legacy = RtcTokenBuilder006.buildTokenWithUid(TEST_APP_ID, TEST_APP_CERTIFICATE, 'room', 42, 1, 2_000_000_000);

    expect(signedWithCertificate(legacy, TEST_APP_CERTIFICATE, { channel: 'room', uid: '42' })).toBe(true);
    expect(signedWithCertificate(legacy, TEST_APP_CERTIFICATE)).toBe(false);
    expect(signedWithCertificate(legacy, TEST_APP_CERTIFICATE, { channel: 'room', uid: '43' })).toBe(false);
    expect(signedWithCertificate(legacy, OTHER_CERTIFICATE, { channel: 'room', uid: '42' })).toBe(false);
    expect(whichCertificate(legacy, rotating, { channel: 'room', uid: '42' })).toBe('secondary');
  });
});
