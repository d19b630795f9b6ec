import { ChatTokenBuilder, RtcRole, RtcTokenBuilder } from 'agora-token';
import { TEST_APP_CERTIFICATE as CERT, TEST_APP_ID as APP_ID } from '../../test/support/test-credentials.js';
import { decodeToken } from './token-decoder.js';
import { reportOf, type SignatureVerdict } from './token-report.js';

const GENUINE: SignatureVerdict = { project: 'default', signedWith: 'primary' };

describe('reportOf: the plain-words findings on a token', () => {
  it('spots an expiry given as a Unix timestamp, and a lifetime over 24 hours', () => {
    const timestamp = Math.floor(Date.now() / 1000) + 3600;
    const mistaken = decodeToken(RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, RtcRole.PUBLISHER, timestamp, timestamp));
    expect(reportOf(mistaken, GENUINE, new Date()).notes).toEqual([expect.stringContaining('given as a Unix timestamp')]);

    const twoDays = decodeToken(ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'alice', 2 * 86_400));
    expect(reportOf(twoDays, GENUINE, new Date()).notes).toEqual(['The token’s lifetime is longer than the 24 hours Agora accepts.']);
  });

  it('reports an expired token, and a privilege that ended before the token', () => {
    const decoded = decodeToken(RtcTokenBuilder.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'room', 1, 600, 600, 60, 600, 600));
    const issued = decoded.issuedAt! * 1000;

    const later = reportOf(decoded, GENUINE, new Date(issued + 120_000));
    expect(later).toMatchObject({ expired: false, secondsLeft: 480 });
    expect(later.notes).toEqual(['A privilege of the rtc service has expired, though the token has not.']);
    expect(later.services[0].privileges.publishAudio).toEqual({ expiresAt: new Date(issued + 60_000).toISOString() });

    const expired = reportOf(decoded, GENUINE, new Date(issued + 601_000));
    expect(expired).toMatchObject({ expired: true, secondsLeft: 0, notes: ['The token has expired.'] });
  });

  it('reports a token issued in the future (a wrong clock) and one signed by neither certificate', () => {
    const decoded = decodeToken(ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'alice', 600));
    const before = new Date((decoded.issuedAt! - 3600) * 1000);

    expect(reportOf(decoded, GENUINE, before).notes).toEqual([expect.stringContaining('issued in the future')]);
    expect(reportOf(decoded, { project: 'default', signedWith: 'unknown' }, new Date(decoded.issuedAt! * 1000))).toMatchObject({
      signatureValid: false,
      notes: [expect.stringContaining("None of project default's certificates signed this token")],
    });
  });
});
