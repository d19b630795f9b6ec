import type { RtcPrivileges, TokenGrant } from '../../agora/token-grant.interface.js';
import { TokenExpiryPolicy } from '../../agora/token-expiry.policy.js';
import { ValidationProblemException } from '../../common/problem/validation-problem.exception.js';
import { RtcRole } from '../../rtc/dto/rtc-role.enum.js';
import type { ApiKeyCaller, Caller, JwtCaller } from '../caller.interface.js';
import { AccessRefused, type AccessRule } from './access-refused.exception.js';
import { TokenAuthorizer } from './token-authorizer.service.js';

describe('TokenAuthorizer', () => {
  const authorizer = new TokenAuthorizer(new TokenExpiryPolicy({ defaultExpireSeconds: 3600, maxExpireSeconds: 86_400 }));
  const anonymous: Caller = { kind: 'anonymous', id: '127.0.0.1' };
  const alice: JwtCaller = { kind: 'jwt', id: 'alice' };
  const key = (policy: ApiKeyCaller['policy']): ApiKeyCaller => ({ kind: 'apikey', id: 'k', policy });

  function refusal(act: () => unknown): AccessRule {
    try {
      act();
    } catch (error) {
      if (error instanceof AccessRefused) return error.rule;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it('lets an anonymous caller have what it asks for, unchanged', () => {
    const request = { channel: 'room', uid: 0, role: RtcRole.Publisher };

    expect(authorizer.rtc(anonymous, request)).toBe(request);
    expect(authorizer.chat(anonymous, {})).toEqual({ userId: undefined });
  });

  it('requires an RTM user id of everyone but end users', () => {
    expect(() => authorizer.rtm(anonymous, {})).toThrow(ValidationProblemException);
    expect(authorizer.rtm(alice, {})).toEqual({ userId: 'alice' });
  });

  it('binds end users: their identity fills the user, and no other user passes', () => {
    expect(authorizer.rtc(alice, { channel: 'room' })).toEqual({ channel: 'room', account: 'alice' });
    expect(authorizer.chat(alice, { expireSeconds: 60 })).toEqual({ userId: 'alice', expireSeconds: 60 });
    expect(refusal(() => authorizer.rtc(alice, { channel: 'room', account: 'bob' }))).toBe('identity');
    expect(refusal(() => authorizer.rtm(alice, { userId: 'bob' }))).toBe('identity');
    expect(refusal(() => authorizer.rtc({ kind: 'jwt', id: '0' }, { channel: 'room', uid: 0 }))).toBe('identity');
  });

  /** An RTC grant for `channel` with these privileges (the role's when only joinChannel is given). */
  const rtc = (channel: string, privileges: RtcPrivileges = { joinChannel: 3600 }): TokenGrant => ({
    service: 'rtc',
    channel,
    user: 7,
    privileges,
  });

  it('refuses an anonymous caller nothing (AUTH_MODE=none)', () => {
    expect(() => authorizer.check(anonymous, 86_400, [{ service: 'chat-app', seconds: 86_400 }])).not.toThrow();
  });

  it('never gives an end user a Chat app token, even when the route asks for one', () => {
    expect(refusal(() => authorizer.check(alice, 60, [{ service: 'chat-app', seconds: 60 }]))).toBe('chat-app');
    expect(authorizer.chatApp(key({ kinds: ['chat-app'] }), { expireSeconds: 60 })).toEqual({ expireSeconds: 60 });
    expect(refusal(() => authorizer.check(key({ kinds: ['chat'] }), 60, [{ service: 'chat-app', seconds: 60 }]))).toBe('kinds');
  });

  it('limits end users to their channel claim when there is one', () => {
    const scoped: JwtCaller = { ...alice, channels: ['team-*'] };
    const rtm: TokenGrant = { service: 'rtm', userId: 'alice', loginSeconds: 3600 };

    expect(() => authorizer.check(scoped, 3600, [rtc('team-1')])).not.toThrow();
    expect(refusal(() => authorizer.check(scoped, 3600, [rtc('lobby')]))).toBe('channels');
    // An RTM token's stream channel is judged like any channel; without one there is nothing to refuse.
    expect(refusal(() => authorizer.check({ ...alice, channels: [] }, 3600, [rtm, rtc('team-1')]))).toBe('channels');
    expect(() => authorizer.check({ ...alice, channels: [] }, 3600, [rtm])).not.toThrow();
  });

  it('applies each policy field of an API key to what is signed', () => {
    const publisher = { joinChannel: 60, publishAudio: 60, publishVideo: 60, publishData: 60 };
    const subscribers = key({ roles: [RtcRole.Subscriber] });

    expect(refusal(() => authorizer.check(key({ kinds: ['rtc'] }), 60, [{ service: 'rtm', userId: 'a', loginSeconds: 60 }]))).toBe('kinds');
    expect(refusal(() => authorizer.check(key({ channels: ['a-*'] }), 60, [rtc('b')]))).toBe('channels');
    expect(refusal(() => authorizer.check(subscribers, 60, [rtc('c', publisher)]))).toBe('roles');
    expect(refusal(() => authorizer.check(subscribers, 60, [rtc('c', { joinChannel: 60, publishVideo: 30 })]))).toBe('roles');
    expect(() => authorizer.check(subscribers, 60, [rtc('c', { joinChannel: 60 })])).not.toThrow();
    expect(refusal(() => authorizer.check(key({ maxExpireSeconds: 100 }), 101, [rtc('c', { joinChannel: 101 })]))).toBe('maxExpireSeconds');
    expect(refusal(() => authorizer.check(key({ maxExpireSeconds: 100 }), 100, [rtc('c', { joinChannel: 101 })]))).toBe('maxExpireSeconds');
  });

  it("judges an RTM token's stream channel as a channel, not as a publisher token", () => {
    const streaming = [{ service: 'rtm', userId: 'a', loginSeconds: 60 }, rtc('team-1', { joinChannel: 60, publishData: 60 })] as const;

    expect(() => authorizer.check(key({ kinds: ['rtm'], roles: [RtcRole.Subscriber] }), 60, streaming)).not.toThrow();
    expect(refusal(() => authorizer.check(key({ kinds: ['rtm'], channels: ['lobby'] }), 60, streaming))).toBe('channels');
  });

  it('gives a key capped below the default lifetime its cap, and leaves other keys the default', () => {
    expect(authorizer.rtc(key({ maxExpireSeconds: 600 }), { channel: 'c' }).expireSeconds).toBe(600);
    expect(authorizer.rtc(key({ maxExpireSeconds: 7200 }), { channel: 'c' }).expireSeconds).toBeUndefined();
    expect(authorizer.rtc(key({}), { channel: 'c' }).expireSeconds).toBeUndefined();
  });
});
