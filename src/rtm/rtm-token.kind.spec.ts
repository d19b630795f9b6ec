import { decodeToken } from '../../test/support/decode-token.js';
import { ANONYMOUS, testIssuer } from '../../test/support/signer.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import type { Caller } from '../auth/caller.interface.js';
import type { CreateRtmTokenDto } from './dto/create-rtm-token.dto.js';
import { RTM_TOKEN } from './rtm-token.kind.js';

const API_KEY: Caller = { kind: 'apikey', id: 'backend', policy: {} };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('RTM_TOKEN', () => {
  const { issuer } = testIssuer();
  const issue = (body: CreateRtmTokenDto, caller: Caller) => issuer.issue(RTM_TOKEN, body, caller);

  it('signs a Signaling login for the user, for its lifetime, and nothing else', () => {
    const issued = issue({ userId: 'alice', expireSeconds: 1200 }, ANONYMOUS);
    const token = decodeToken(issued.token);

    expect(token.appId).toBe(TEST_APP_ID);
    expect(token.expire).toBe(1200);
    expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: 1200 } });
    expect(token.rtc).toBeUndefined();
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(token.verifies(OTHER_CERTIFICATE)).toBe(false);
    expect(issued).toMatchObject({ userId: 'alice', expireSeconds: 1200 });
    expect(issued).not.toHaveProperty('channel');
  });

  it('defaults to the configured lifetime', () => {
    expect(decodeToken(issue({ userId: 'bob' }, ANONYMOUS).token).expire).toBe(3600);
  });

  it('adds the stream channel as an RTC service: join and publish data, as the user', () => {
    const issued = issue({ userId: 'alice', channel: 'stream-1', expireSeconds: 600 }, ANONYMOUS);
    const token = decodeToken(issued.token);

    expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: 600 } });
    expect(token.rtc).toEqual({ channel: 'stream-1', uid: 'alice', privileges: { joinChannel: 600, publishData: 600 } });
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(issued.channel).toBe('stream-1');
  });

  it('logs a caller who names no user in as a fresh user id, which the answer gives', () => {
    for (const caller of [API_KEY, ANONYMOUS]) {
      const first = issue({ channel: 'stream-1' }, caller);
      const second = issue({}, caller);
      const token = decodeToken(first.token);

      expect(first.userId).toMatch(UUID);
      expect(token.rtm).toEqual({ userId: first.userId, privileges: { login: 3600 } });
      expect(token.rtc).toEqual({ channel: 'stream-1', uid: first.userId, privileges: { joinChannel: 3600, publishData: 3600 } });
      expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
      expect(decodeToken(second.token).rtm?.userId).toBe(second.userId);
      expect(second.userId).not.toBe(first.userId);
      expect(decodeToken(issue({ userId: 'carol' }, caller).token).rtm?.userId).toBe('carol');
    }
  });

  it('accepts the * wildcard channel', () => {
    expect(decodeToken(issue({ userId: 'alice', channel: '*' }, ANONYMOUS).token).rtc?.channel).toBe('*');
  });
});
