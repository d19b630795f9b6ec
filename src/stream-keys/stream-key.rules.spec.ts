import fc from 'fast-check';
import { AccessRefused } from '../auth/authorization/access-refused.exception.js';
import type { Caller } from '../auth/caller.interface.js';
import { checkIdentityAccount, checkKeyLifetime, ingestOf, MAX_EXPIRES_AFTER_SECONDS } from './stream-key.rules.js';

/** Whether the lifetime passes for the caller (a 403 `maxExpireSeconds` otherwise). */
function allowed(caller: Caller, seconds: number, tokenMax: number): boolean {
  try {
    checkKeyLifetime(caller, seconds, tokenMax);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(AccessRefused);
    expect((error as AccessRefused).rule).toBe('maxExpireSeconds');
    return false;
  }
}

const seconds = fc.integer({ min: 0, max: MAX_EXPIRES_AFTER_SECONDS });
const cap = fc.integer({ min: 1, max: 86_400 });

describe('checkKeyLifetime', () => {
  it('lets an API key without maxExpireSeconds create any lifetime, never-expiring (0) included', () => {
    fc.assert(fc.property(seconds, cap, (value, tokenMax) => allowed({ kind: 'apikey', id: 'ops', policy: {} }, value, tokenMax)));
  });

  it('gives an API key with maxExpireSeconds 1 to that many seconds, whatever the token maximum', () => {
    fc.assert(
      fc.property(seconds, cap, cap, (value, max, tokenMax) => {
        expect(allowed({ kind: 'apikey', id: 'capped', policy: { maxExpireSeconds: max } }, value, tokenMax)).toBe(value >= 1 && value <= max);
      }),
    );
  });

  it('gives end users and callers without credentials 1 to the token maximum, never 0', () => {
    const callers: Caller[] = [{ kind: 'jwt', id: 'alice' }, { kind: 'anonymous', id: '127.0.0.1' }];
    fc.assert(
      fc.property(fc.constantFrom(...callers), seconds, cap, (caller, value, tokenMax) => {
        expect(allowed(caller, value, tokenMax)).toBe(value >= 1 && value <= tokenMax);
      }),
    );
  });
});

describe('checkIdentityAccount', () => {
  /** Whether an end user with this identity may have a key publishing as it (a 403 `identity` otherwise). */
  const accepted = (identity: string): boolean => {
    try {
      checkIdentityAccount(identity);
      return true;
    } catch (error) {
      expect((error as AccessRefused).rule).toBe('identity');
      return false;
    }
  };

  it('takes an all-digit identity only when it is a uid’s own decimal, which Agora reads as that uid and no other', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,12}$/), (digits) => {
        const uid = Number(digits);
        expect(accepted(digits)).toBe(String(uid) === digits && uid >= 1 && uid <= 4_294_967_295);
      }),
    );
    expect([accepted('00042'), accepted('0'), accepted('4294967296'), accepted('42'), accepted('4294967295')]).toEqual([false, false, false, true, true]);
  });
});

describe('ingestOf', () => {
  it('names the region’s unified RTMP and SRT ingest servers, and the key in each URL', () => {
    expect(ingestOf('ap', 'k3y_-')).toEqual({
      rtmp: { server: 'rtmp://rtls-ingress-prod-ap.agoramdn.com/live', url: 'rtmp://rtls-ingress-prod-ap.agoramdn.com/live/k3y_-' },
      srt: { server: 'srt://srtlive-rtcpush-prod-ap.agoramdn.com:6001', url: 'srt://srtlive-rtcpush-prod-ap.agoramdn.com:6001?streamid=k3y_-' },
    });
  });
});
