import { FpaTokenBuilder, RtcRole, RtcTokenBuilder } from 'agora-token';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import type { ProjectCertificates } from './project-certificates.js';
import { signedWithCertificate, whichCertificate } from './token-signature.js';

describe('whichCertificate', () => {
  const THIRD = '00112233445566778899aabbccddeeff';
  const rotating: ProjectCertificates = { name: 'app', appId: TEST_APP_ID, primary: OTHER_CERTIFICATE, secondary: TEST_APP_CERTIFICATE };
  const token = (certificate: string) => RtcTokenBuilder.buildTokenWithUid(TEST_APP_ID, certificate, 'room', 1, RtcRole.SUBSCRIBER, 60, 60);

  it('names the certificate that signed a token, primary first, and unknown for any other', () => {
    expect(whichCertificate(token(OTHER_CERTIFICATE), rotating)).toBe('primary');
    expect(whichCertificate(token(TEST_APP_CERTIFICATE), rotating)).toBe('secondary');
    expect(whichCertificate(token(THIRD), rotating)).toBe('unknown');
    expect(whichCertificate(token(TEST_APP_CERTIFICATE), { ...rotating, secondary: undefined })).toBe('unknown');
    expect(whichCertificate(token(TEST_APP_CERTIFICATE), undefined)).toBe('unknown');
  });

  it('verifies every service type, and nothing that is not a token', () => {
    expect(signedWithCertificate(FpaTokenBuilder.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE), TEST_APP_CERTIFICATE)).toBe(true);
    expect(signedWithCertificate('007garbage', TEST_APP_CERTIFICATE)).toBe(false);
    expect(signedWithCertificate(token(TEST_APP_CERTIFICATE).slice(0, -4), TEST_APP_CERTIFICATE)).toBe(false);
  });
});
