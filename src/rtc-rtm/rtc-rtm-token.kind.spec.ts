import agoraToken from 'agora-token';
import { contentOf } from '../../test/support/builder-parity.js';
import { decodeToken } from '../../test/support/decode-token.js';
import { ANONYMOUS, testIssuer } from '../../test/support/signer.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import { RtcRole } from '../agora/rtc-role.enum.js';
import { AccessRefused } from '../auth/authorization/access-refused.exception.js';
import type { Caller } from '../auth/caller.interface.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import type { CreateRtcRtmTokenDto } from './dto/create-rtc-rtm-token.dto.js';
import { RTC_RTM_TOKEN } from './rtc-rtm-token.kind.js';

const { RtcTokenBuilder, RtcRole: BuilderRole } = agoraToken;

/** The error a call throws, for asserting its fields. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('RTC_RTM_TOKEN', () => {
  const { issuer } = testIssuer({ defaultExpireSeconds: 3600, maxExpireSeconds: 7200 });
  const issue = (body: CreateRtcRtmTokenDto, caller: Caller = ANONYMOUS) => issuer.issue(RTC_RTM_TOKEN, body, caller);

  it('signs what buildTokenWithRtm signs for one account: RTC as a publisher, Signaling as the same user', () => {
    const issued = issue({ channel: 'room 1', account: 'alice', role: RtcRole.Publisher, expireSeconds: 600 });
    const builder = RtcTokenBuilder.buildTokenWithRtm(TEST_APP_ID, TEST_APP_CERTIFICATE, 'room 1', 'alice', BuilderRole.PUBLISHER, 600, 600);

    expect(contentOf(issued.token)).toEqual(contentOf(builder));
    const token = decodeToken(issued.token);
    expect(token.rtc).toEqual({
      channel: 'room 1',
      uid: 'alice',
      privileges: { joinChannel: 600, publishAudio: 600, publishVideo: 600, publishData: 600 },
    });
    expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: 600 } });
    expect(token.serviceCount).toBe(2);
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(issued).toMatchObject({ channel: 'room 1', account: 'alice', role: 'publisher', rtmUserId: 'alice', rtmExpireSeconds: 600 });
  });

  it('defaults to a subscriber for the configured lifetime, as /v1/rtc/token does', () => {
    const issued = issue({ channel: 'room', account: 'bob' });
    const builder = RtcTokenBuilder.buildTokenWithRtm(TEST_APP_ID, TEST_APP_CERTIFICATE, 'room', 'bob', BuilderRole.SUBSCRIBER, 3600, 3600);

    expect(contentOf(issued.token)).toEqual(contentOf(builder));
    expect(issued).toMatchObject({ role: 'subscriber', rtmUserId: 'bob', rtmExpireSeconds: 3600, expireSeconds: 3600 });
  });

  it('signs what buildTokenWithRtm2 signs for a uid and another Signaling user with its own lifetime', () => {
    const issued = issue({ channel: 'room', uid: 42, role: RtcRole.Publisher, expireSeconds: 3600, rtmUserId: 'alice', rtmExpireSeconds: 900 });
    const builder = RtcTokenBuilder.buildTokenWithRtm2(
      TEST_APP_ID, TEST_APP_CERTIFICATE, 'room', 42, BuilderRole.PUBLISHER, 3600, 3600, 3600, 3600, 3600, 'alice', 900,
    );

    expect(contentOf(issued.token)).toEqual(contentOf(builder));
    expect(decodeToken(issued.token).rtm).toEqual({ userId: 'alice', privileges: { login: 900 } });
    expect(issued).toMatchObject({ uid: 42, rtmUserId: 'alice', rtmExpireSeconds: 900 });
    expect(issued).not.toHaveProperty('account');
  });

  it('grants only the RTC privileges asked for, each with its own lifetime', () => {
    const issued = issue({ channel: 'room', uid: 7, privileges: { joinChannel: 1200, publishAudio: 300 }, rtmUserId: 'u7' });
    const token = decodeToken(issued.token);

    expect(token.rtc?.privileges).toEqual({ joinChannel: 1200, publishAudio: 300 });
    expect(token.rtm).toEqual({ userId: 'u7', privileges: { login: 3600 } });
    expect(issued.privileges).toEqual({ joinChannel: 1200, publishAudio: 300 });
    expect(issued).not.toHaveProperty('role');
  });

  it('logs a uid in to Signaling as its decimal form, the random uid too', () => {
    expect(decodeToken(issue({ channel: 'room', uid: 4_294_967_295 }).token).rtm?.userId).toBe('4294967295');
    const random = issue({ channel: 'room' });
    expect(random.uid).toBeGreaterThan(0);
    expect(decodeToken(random.token).rtm?.userId).toBe(String(random.uid));
    expect(random.rtmUserId).toBe(String(random.uid));
  });

  it('asks for rtmUserId when the RTC user cannot be a Signaling user (uid 0, an account over 64 bytes)', () => {
    for (const body of [{ channel: 'room', uid: 0 }, { channel: 'room', account: 'a'.repeat(65) }]) {
      const error = thrown(() => issue(body));
      expect(error).toBeInstanceOf(ValidationProblemException);
      expect((error as ValidationProblemException).errors).toEqual([{ field: 'rtmUserId', message: expect.stringContaining('rtmUserId is required') }]);
    }
    expect(decodeToken(issue({ channel: 'room', uid: 0, rtmUserId: 'any' }).token).rtc?.uid).toBe('');
  });

  it('refuses a Signaling lifetime above the configured maximum, naming the field', () => {
    const error = thrown(() => issue({ channel: 'room', account: 'a', rtmExpireSeconds: 7201 }));

    expect((error as ValidationProblemException).errors).toEqual([{ field: 'rtmExpireSeconds', message: expect.stringContaining('7200') }]);
  });

  it("holds an API key's maxExpireSeconds against the Signaling lifetime as well", () => {
    const caller: Caller = { kind: 'apikey', id: 'k', policy: { maxExpireSeconds: 600 } };
    const error = thrown(() => issue({ channel: 'room', account: 'a', expireSeconds: 600, rtmExpireSeconds: 601 }, caller));

    expect(error).toBeInstanceOf(AccessRefused);
    expect((error as AccessRefused).rule).toBe('maxExpireSeconds');
    expect((error as AccessRefused).message).toContain('rtmExpireSeconds may be at most 600 seconds');
  });

  it("binds an end user's RTC and Signaling users to their identity", () => {
    const alice: Caller = { kind: 'jwt', id: 'alice' };
    const issued = issue({ channel: 'room', role: RtcRole.Publisher }, alice);
    expect(decodeToken(issued.token).rtc?.uid).toBe('alice');
    expect(decodeToken(issued.token).rtm?.userId).toBe('alice');

    for (const body of [{ channel: 'room', rtmUserId: 'bob' }, { channel: 'room', account: 'bob' }, { channel: 'room', uid: 7 }]) {
      const error = thrown(() => issue(body, alice));
      expect(error).toBeInstanceOf(AccessRefused);
      expect((error as AccessRefused).rule).toBe('identity');
    }
  });

  it('lets an end user whose identity is a number use it as their uid, and logs them in as that number', () => {
    const issued = issue({ channel: 'room', uid: 77 }, { kind: 'jwt', id: '77' });

    expect(decodeToken(issued.token).rtc?.uid).toBe('77');
    expect(issued).toMatchObject({ uid: 77, rtmUserId: '77' });
  });
});
