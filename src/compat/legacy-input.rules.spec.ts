import fc from 'fast-check';
import { UINT32_MAX } from '../agora/agora.constants.js';
import { RtcRole } from '../agora/rtc-role.enum.js';
import { LegacyInputProblem } from './legacy-input-problem.exception.js';
import {
  decimalOf,
  expireSecondsOf,
  rtcRoleOf,
  rtcUserOfDecimal,
  rtcUserOfSignedString,
  rtcUserOfType,
  rteRtmUserOf,
  rtmUserOf,
} from './legacy-input.rules.js';

function refusal(fn: () => unknown): LegacyInputProblem {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LegacyInputProblem);
    return error as LegacyInputProblem;
  }
  throw new Error('expected a refusal');
}

/** A number spelled with 0 to 5 leading zeros: `42`, `0042`, `00`. */
const spelled = (max: number) =>
  fc.tuple(fc.integer({ min: 0, max }), fc.nat(5)).map(([n, zeros]) => ({ n, text: '0'.repeat(zeros) + String(n) }));
/** Zero in any spelling of ASCII digits: `0`, `00`, `000000`. */
const zeros = fc.integer({ min: 1, max: 12 }).map((n) => '0'.repeat(n));
/** Strings that look like numbers but are not ASCII digits only: signs, spaces, points, exponents, hex, other scripts. */
const notDigits = fc.oneof(
  fc.constantFrom('+0', '-0', ' 0', '0 ', '0.0', '0e0', '0x0', '0_0', '\u0660', '\uff10', '+7', '-1', '4.2', '1e3'),
  fc.string({ minLength: 1 }).filter((s) => !/^[0-9]+$/.test(s)),
);

describe('legacy input rules', () => {
  describe('decimalOf', () => {
    it('reads ASCII digits as the number they spell, leading zeros included', () => {
      fc.assert(fc.property(spelled(UINT32_MAX), ({ n, text }) => expect(decimalOf(text)).toBe(n)));
    });

    it('keeps a number past 4294967295 past it, however many digits, for the DTO to refuse', () => {
      fc.assert(fc.property(fc.bigInt({ min: BigInt(UINT32_MAX) + 1n, max: 10n ** 400n }), (n) => {
        expect(decimalOf(n.toString())).toBe(Math.min(Number(n), UINT32_MAX + 1));
        expect(decimalOf(`000${n}`)).toBeGreaterThan(UINT32_MAX);
      }));
    });

    it('reads nothing else as a number', () => {
      fc.assert(fc.property(notDigits, (text) => expect(decimalOf(text)).toBeUndefined()));
      expect(decimalOf('')).toBeUndefined();
    });
  });

  describe('rtcUserOfDecimal (POST /getToken, as Go\'s ParseUint)', () => {
    it('reads every spelling of a number as that uid: 00 is uid 0 like 0, 007 is uid 7', () => {
      fc.assert(fc.property(spelled(UINT32_MAX), ({ n, text }) => expect(rtcUserOfDecimal(text)).toEqual({ uid: n })));
    });

    it('reads anything that is not ASCII digits as an account, unchanged', () => {
      fc.assert(fc.property(notDigits, (text) => expect(rtcUserOfDecimal(text)).toEqual({ account: text })));
    });
  });

  describe('rtcUserOfSignedString (/access_token, as agora-access-token signed it)', () => {
    it('reads a canonical decimal as that uid', () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: UINT32_MAX }), (uid) => {
        expect(rtcUserOfSignedString(String(uid))).toEqual({ uid });
      }));
    });

    it('never reads another spelling as a uid, so no spelling of 0 but "0" is the any-user uid', () => {
      fc.assert(fc.property(fc.oneof(zeros.filter((z) => z !== '0'), spelled(UINT32_MAX).map(({ text }) => `0${text}`), notDigits), (text) => {
        expect(rtcUserOfSignedString(text)).toEqual({ account: text });
      }));
    });
  });

  describe('rtcUserOfType', () => {
    const fields = { tokenType: 'tokenType', uid: 'uid' };

    it('takes any spelling of a number for uid, and any string for userAccount', () => {
      fc.assert(fc.property(spelled(UINT32_MAX), ({ n, text }) => {
        expect(rtcUserOfType('uid', text, fields)).toEqual({ uid: n });
        expect(rtcUserOfType('userAccount', text, fields)).toEqual({ account: text });
      }));
    });

    it('reads an empty segment as the Go server did: uid 0, or the account "0"', () => {
      expect(rtcUserOfType('uid', '', fields)).toEqual({ uid: 0 });
      expect(rtcUserOfType('userAccount', '', fields)).toEqual({ account: '0' });
    });

    it('refuses a uid that is not digits and an unknown token type (a too large uid is the DTO\'s to refuse)', () => {
      fc.assert(fc.property(notDigits, (text) => {
        expect(refusal(() => rtcUserOfType('uid', text, fields)).errors).toEqual([
          { field: 'uid', message: 'uid must be a number from 0 to 4294967295 when tokenType is uid' },
        ]);
      }));
      expect(rtcUserOfType('uid', '4294967296', fields)).toEqual({ uid: 4_294_967_296 });
      expect(refusal(() => rtcUserOfType('account', 'bob', fields)).errors[0].field).toBe('tokenType');
    });
  });

  describe('rteRtmUserOf', () => {
    it('refuses an RTC user that names no one, uid 0 in any spelling or the account "0", without an RTM user', () => {
      fc.assert(fc.property(zeros, (zero) => {
        expect(refusal(() => rteRtmUserOf({ uid: 0 }, zero, '')).errors[0].field).toBe('rtmuid');
      }));
      expect(refusal(() => rteRtmUserOf({ account: '0' }, '', '')).errors[0].field).toBe('rtmuid');
    });

    it('takes the RTM user when given, any string (0 included), and else the RTC user as sent', () => {
      fc.assert(fc.property(fc.string({ minLength: 1 }), (rtmuid) => {
        expect(rteRtmUserOf({ uid: 0 }, '0', rtmuid)).toBe(rtmuid);
      }));
      expect(rteRtmUserOf({ uid: 7 }, '007', '')).toBe('007');
      expect(rteRtmUserOf({ account: '00' }, '00', '')).toBe('00');
    });
  });

  it('grants publisher only for "publisher"', () => {
    expect(rtcRoleOf('publisher')).toBe(RtcRole.Publisher);
    fc.assert(fc.property(fc.option(fc.string().filter((s) => s !== 'publisher'), { nil: undefined }), (role) => {
      expect(rtcRoleOf(role)).toBe(RtcRole.Subscriber);
    }));
  });

  describe('expireSecondsOf', () => {
    it('leaves the default to the policy when the lifetime is missing, empty or 0 in any spelling', () => {
      for (const value of [undefined, '', 0]) expect(expireSecondsOf(value, 'expiry')).toBeUndefined();
      fc.assert(fc.property(zeros, (zero) => expect(expireSecondsOf(zero, 'expiry')).toBeUndefined()));
    });

    it('reads whole seconds, as numbers or decimal strings in any spelling', () => {
      fc.assert(fc.property(spelled(10_000_000).filter(({ n }) => n > 0), ({ n, text }) => {
        expect(expireSecondsOf(text, 'expiry')).toBe(n);
        expect(expireSecondsOf(n, 'expire')).toBe(n);
      }));
    });

    it('refuses anything else, naming the field', () => {
      fc.assert(fc.property(notDigits, (value) => {
        expect(refusal(() => expireSecondsOf(value, 'expireTime')).errors).toEqual([
          { field: 'expireTime', message: 'expireTime must be a whole number of seconds' },
        ]);
      }));
    });
  });

  it('refuses 0 in any spelling and empty as the user of GET /rtm, and keeps any other', () => {
    expect(rtmUserOf('alice', 'uid')).toBe('alice');
    fc.assert(fc.property(zeros, (zero) => {
      expect(refusal(() => rtmUserOf(zero, 'uid')).errors).toEqual([{ field: 'uid', message: 'uid must be a user id other than 0' }]);
    }));
    fc.assert(fc.property(fc.oneof(notDigits, spelled(UINT32_MAX).filter(({ n }) => n > 0).map(({ text }) => text)), (user) => {
      expect(rtmUserOf(user, 'uid')).toBe(user);
    }));
    for (const value of [undefined, '']) expect(refusal(() => rtmUserOf(value, 'rtmuid')).errors[0].field).toBe('rtmuid');
  });
});
