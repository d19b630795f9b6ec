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

  it('never gives an end user a Chat app token, even when the route asks for one', () => {
    expect(refusal(() => authorizer.chatApp(alice, {}))).toBe('chat-app');
    expect(authorizer.chatApp(key({ kinds: ['chat-app'] }), { expireSeconds: 60 })).toEqual({ expireSeconds: 60 });
    expect(refusal(() => authorizer.chatApp(key({ kinds: ['chat'] }), {}))).toBe('kinds');
  });

  it("limits end users to their channel claim when there is one", () => {
    const scoped: JwtCaller = { ...alice, channels: ['team-*'] };

    expect(authorizer.rtc(scoped, { channel: 'team-1' }).account).toBe('alice');
    expect(refusal(() => authorizer.rtc(scoped, { channel: 'lobby' }))).toBe('channels');
    expect(refusal(() => authorizer.rtm({ ...alice, channels: [] }, { channel: 'team-1' }))).toBe('channels');
    expect(authorizer.rtm({ ...alice, channels: [] }, {}).userId).toBe('alice');
  });

  it('applies each policy field of an API key', () => {
    expect(refusal(() => authorizer.rtm(key({ kinds: ['rtc'] }), { userId: 'a' }))).toBe('kinds');
    expect(refusal(() => authorizer.rtc(key({ channels: ['a-*'] }), { channel: 'b' }))).toBe('channels');
    expect(refusal(() => authorizer.rtc(key({ roles: [RtcRole.Subscriber] }), { channel: 'c', role: RtcRole.Publisher }))).toBe('roles');
    const privileges = { channel: 'c', privileges: { joinChannel: 60, publishVideo: 60 } };
    expect(refusal(() => authorizer.rtc(key({ roles: [RtcRole.Subscriber] }), privileges))).toBe('roles');
    expect(refusal(() => authorizer.rtc(key({ maxExpireSeconds: 100 }), { channel: 'c', expireSeconds: 101 }))).toBe('maxExpireSeconds');
  });

  it('gives a key capped below the default lifetime its cap, and leaves other keys the default', () => {
    expect(authorizer.rtc(key({ maxExpireSeconds: 600 }), { channel: 'c' }).expireSeconds).toBe(600);
    expect(authorizer.rtc(key({ maxExpireSeconds: 7200 }), { channel: 'c' }).expireSeconds).toBeUndefined();
    expect(authorizer.rtc(key({}), { channel: 'c' }).expireSeconds).toBeUndefined();
  });
});
