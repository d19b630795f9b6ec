import fc from 'fast-check';
import { UINT32_MAX } from '../agora/agora.constants.js';
import { RtcRole } from '../rtc/dto/rtc-role.enum.js';
import { LegacyInputProblem } from './legacy-input-problem.exception.js';
import { expireSecondsOf, rtcRoleOf, rtcUserOf, rtcUserOfType, rtmUserOf } from './legacy-input.rules.js';

function refusal(fn: () => unknown): LegacyInputProblem {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LegacyInputProblem);
    return error as LegacyInputProblem;
  }
  throw new Error('expected a refusal');
}

describe('legacy input rules', () => {
  describe('rtcUserOf', () => {
    it('reads every canonical decimal uint32 as that uid', () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: UINT32_MAX }), (uid) => {
        expect(rtcUserOf(String(uid))).toEqual({ uid });
      }));
    });

    it('never truncates a decimal above 2^32-1: it stays above, for CreateRtcTokenDto to refuse', () => {
      fc.assert(fc.property(fc.bigInt({ min: BigInt(UINT32_MAX) + 1n, max: 10n ** 30n }), (uid) => {
        expect(rtcUserOf(uid.toString())).toEqual({ uid: expect.any(Number) });
        expect((rtcUserOf(uid.toString()) as { uid: number }).uid).toBeGreaterThan(UINT32_MAX);
      }));
    });

    it('reads anything that is not all digits as an account, unchanged', () => {
      fc.assert(fc.property(fc.string({ minLength: 1 }).filter((s) => !/^\d+$/.test(s)), (account) => {
        expect(rtcUserOf(account)).toEqual({ account });
      }));
    });

    it('reads a decimal with leading zeros as an account, since it is not canonical', () => {
      expect(rtcUserOf('042')).toEqual({ account: '042' });
      expect(rtcUserOf('00')).toEqual({ account: '00' });
    });
  });

  describe('rtcUserOfType', () => {
    const fields = { tokenType: 'tokenType', uid: 'uid' };

    it('takes any uint32 decimal for uid, and any string for userAccount', () => {
      expect(rtcUserOfType('uid', '007', fields)).toEqual({ uid: 7 });
      expect(rtcUserOfType('uid', '0', fields)).toEqual({ uid: 0 });
      expect(rtcUserOfType('userAccount', '42', fields)).toEqual({ account: '42' });
    });

    it('refuses a non-numeric uid and an unknown token type (a too large uid is the DTO\'s to refuse)', () => {
      expect(refusal(() => rtcUserOfType('uid', 'bob', fields)).errors[0].field).toBe('uid');
      expect(rtcUserOfType('uid', '4294967296', fields)).toEqual({ uid: 4_294_967_296 });
      expect(refusal(() => rtcUserOfType('account', 'bob', fields)).errors[0].field).toBe('tokenType');
    });
  });

  it('grants publisher only for "publisher"', () => {
    expect(rtcRoleOf('publisher')).toBe(RtcRole.Publisher);
    fc.assert(fc.property(fc.option(fc.string().filter((s) => s !== 'publisher'), { nil: undefined }), (role) => {
      expect(rtcRoleOf(role)).toBe(RtcRole.Subscriber);
    }));
  });

  describe('expireSecondsOf', () => {
    it('leaves the default to the policy when the lifetime is missing, empty or 0', () => {
      for (const value of [undefined, '', 0, '0', '000']) expect(expireSecondsOf(value, 'expiry')).toBeUndefined();
    });

    it('reads whole seconds, as numbers or decimal strings', () => {
      fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), (seconds) => {
        expect(expireSecondsOf(String(seconds), 'expiry')).toBe(seconds);
        expect(expireSecondsOf(seconds, 'expire')).toBe(seconds);
      }));
    });

    it('refuses anything else, naming the field', () => {
      for (const value of ['-1', '1.5', '1e3', ' 60', 'abc']) {
        expect(refusal(() => expireSecondsOf(value, 'expireTime')).errors).toEqual([
          { field: 'expireTime', message: 'expireTime must be a whole number of seconds' },
        ]);
      }
    });
  });

  it('refuses 0 and empty as a Signaling user, and keeps any other', () => {
    expect(rtmUserOf('alice', 'uid')).toBe('alice');
    expect(rtmUserOf('00', 'uid')).toBe('00');
    for (const value of [undefined, '', '0']) {
      expect(refusal(() => rtmUserOf(value, 'rtmuid')).errors[0].field).toBe('rtmuid');
    }
  });
});
