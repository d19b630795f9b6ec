import { deflateSync } from 'node:zlib';
import { RtcRole, RtcTokenBuilder, RtmTokenBuilder } from 'agora-token';
import fc from 'fast-check';
import { TEST_APP_CERTIFICATE as CERT, TEST_APP_ID as APP_ID } from '../../test/support/test-credentials.js';
import { MalformedToken } from './byte-reader.js';
import { decodeToken } from './token-decoder.js';

/** What decodeToken does with a string: a decoded token, or a MalformedToken (never another error). */
function outcome(text: string): 'decoded' | 'malformed' {
  try {
    decodeToken(text);
    return 'decoded';
  } catch (error) {
    if (error instanceof MalformedToken) return 'malformed';
    throw error;
  }
}

const realToken = RtcTokenBuilder.buildTokenWithRtm(APP_ID, CERT, 'room', 'alice', RtcRole.PUBLISHER, 3600, 3600);

describe('decodeToken refuses anything that is not a token, and only with MalformedToken', () => {
  it('refuses arbitrary strings, and strings behind a version prefix', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.base64String());
    fc.assert(
      fc.property(fc.constantFrom('', '006', '007', `006${APP_ID}`), text, (prefix, rest) => {
        expect(outcome(prefix + rest)).toBe('malformed');
      }),
    );
  });

  it('refuses deflated random bytes, and a real token cut short, extended or with a byte changed', () => {
    const deflated = fc.uint8Array({ maxLength: 200 }).map((bytes) => `007${deflateSync(bytes).toString('base64')}`);
    fc.assert(fc.property(deflated, (token) => void expect(outcome(token)).toBe('malformed')));

    const inflated = Buffer.from(realToken.slice(3), 'base64');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: inflated.length - 1 }), (cut) => {
        expect(outcome(`007${inflated.subarray(0, cut).toString('base64')}`)).toBe('malformed');
      }),
    );
    // Bytes after the deflate stream, which zlib alone would ignore.
    expect(outcome(`007${Buffer.concat([inflated, Buffer.from([0, 0, 0])]).toString('base64')}`)).toBe('malformed');
    expect(outcome(`${realToken}AAAA`)).toBe('malformed');
    // Changed bytes inside a token may still read as a token (a different channel, say): never as anything but one of the two.
    fc.assert(
      fc.property(fc.nat({ max: realToken.length - 4 }), fc.constantFrom(...'ABCabc0189+/'), (at, char) => {
        const altered = realToken.slice(0, 3 + at) + char + realToken.slice(4 + at);
        expect(['decoded', 'malformed']).toContain(outcome(altered));
      }),
    );
  });

  it('reads back whatever channel, account and lifetimes a builder signed', () => {
    const channel = fc.stringMatching(/^[a-zA-Z0-9_-]{1,63}$/);
    const account = fc.string({ minLength: 1, maxLength: 64 });
    fc.assert(
      fc.property(channel, account, fc.integer({ min: 1, max: 86_400 }), fc.integer({ min: 1, max: 86_400 }), (name, user, expire, login) => {
        const decoded = decodeToken(RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, name, user, RtcRole.SUBSCRIBER, expire, expire));
        expect(decoded.services).toEqual([{ kind: 'rtc', channel: name, user, privileges: new Map([[1, expire]]) }]);
        expect(decoded.expiresAt - decoded.issuedAt!).toBe(expire);
        const rtm = decodeToken(RtmTokenBuilder.buildToken(APP_ID, CERT, user, login));
        expect(rtm.services).toEqual([{ kind: 'rtm', user, privileges: new Map([[1, login]]) }]);
      }),
      { numRuns: 50 },
    );
  });
});
