import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { decodeToken } from '../../test/support/decode-token.js';
import { ANONYMOUS, testIssuer } from '../../test/support/signer.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import { RtcRole } from '../agora/rtc-role.enum.js';
import type { Caller } from '../auth/caller.interface.js';
import type { CreateRtcTokenDto } from './dto/create-rtc-token.dto.js';
import { RTC_TOKEN } from './rtc-token.kind.js';

describe('RTC_TOKEN', () => {
  const { issuer } = testIssuer({ defaultExpireSeconds: 3600, maxExpireSeconds: 7200 });
  const issue = (body: CreateRtcTokenDto, caller: Caller) => issuer.issue(RTC_TOKEN, body, caller);

  it('signs a publisher uid token that joins and publishes audio, video and data for its lifetime', () => {
    const issued = issue({ channel: 'room 1', uid: 42, role: RtcRole.Publisher, expireSeconds: 600 }, ANONYMOUS);
    const token = decodeToken(issued.token);

    expect(token.appId).toBe(TEST_APP_ID);
    expect(token.expire).toBe(600);
    expect(token.rtc).toEqual({
      channel: 'room 1',
      uid: '42',
      privileges: { joinChannel: 600, publishAudio: 600, publishVideo: 600, publishData: 600 },
    });
    expect(token.serviceCount).toBe(1);
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(token.verifies(OTHER_CERTIFICATE)).toBe(false);
    expect(issued).toMatchObject({ appId: TEST_APP_ID, channel: 'room 1', uid: 42, role: 'publisher', expireSeconds: 600 });
  });

  it('defaults to a subscriber (join only) with the configured lifetime', () => {
    const issued = issue({ channel: 'room', uid: 7 }, ANONYMOUS);
    const token = decodeToken(issued.token);

    expect(token.expire).toBe(3600);
    expect(token.rtc?.privileges).toEqual({ joinChannel: 3600 });
    expect(issued.role).toBe('subscriber');
  });

  it('reports issue and expiry times that match the token', () => {
    const before = Math.floor(Date.now() / 1000);
    const issued = issue({ channel: 'room', uid: 7, expireSeconds: 900 }, ANONYMOUS);
    const token = decodeToken(issued.token);

    expect(token.issueTs).toBeGreaterThanOrEqual(before);
    expect(token.issueTs).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(issued.issuedAt.getTime()).toBe(token.issueTs * 1000);
    expect(issued.expiresAt.getTime()).toBe((token.issueTs + 900) * 1000);
  });

  it('stores uid 0 as the empty uid, which lets any user join', () => {
    const issued = issue({ channel: 'room', uid: 0 }, ANONYMOUS);

    expect(decodeToken(issued.token).rtc?.uid).toBe('');
    expect(issued.uid).toBe(0);
  });

  it('keeps the largest uint32 uid intact', () => {
    const issued = issue({ channel: 'room', uid: 4_294_967_295 }, ANONYMOUS);

    expect(decodeToken(issued.token).rtc?.uid).toBe('4294967295');
  });

  it('signs an account token with the account as the user', () => {
    const issued = issue({ channel: 'room', account: 'alice@example.com' }, ANONYMOUS);

    expect(decodeToken(issued.token).rtc?.uid).toBe('alice@example.com');
    expect(issued).toMatchObject({ account: 'alice@example.com' });
    expect(issued).not.toHaveProperty('uid');
  });

  it('picks a random non-zero uid when no user is named, and signs for it', () => {
    const uids = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const issued = issue({ channel: 'room' }, ANONYMOUS);
      expect(issued.uid).toBeGreaterThanOrEqual(1);
      expect(issued.uid).toBeLessThanOrEqual(4_294_967_295);
      expect(decodeToken(issued.token).rtc?.uid).toBe(String(issued.uid));
      uids.add(issued.uid!);
    }
    expect(uids.size).toBeGreaterThan(1);
  });

  it('grants only the privileges asked for, each with its own lifetime', () => {
    const issued = issue({
      channel: 'room',
      uid: 9,
      expireSeconds: 3600,
      privileges: { joinChannel: 3600, publishAudio: 300 },
    }, ANONYMOUS);

    expect(decodeToken(issued.token).rtc?.privileges).toEqual({ joinChannel: 3600, publishAudio: 300 });
    expect(issued).not.toHaveProperty('role');
    expect(issued.privileges).toEqual({ joinChannel: 3600, publishAudio: 300 });
  });

  it('refuses lifetimes above the configured maximum, naming the field', () => {
    expect(() => issue({ channel: 'room', expireSeconds: 7201 }, ANONYMOUS)).toThrow(ValidationProblemException);
    try {
      issue({ channel: 'room', privileges: { joinChannel: 60, publishVideo: 9000 } }, ANONYMOUS);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as ValidationProblemException).errors).toEqual([
        { field: 'privileges.publishVideo', message: expect.stringContaining('7200') },
      ]);
    }
  });
});
