import fc from 'fast-check';
import { AccessRefused } from '../auth/authorization/access-refused.exception.js';
import type { Caller, JwtCaller } from '../auth/caller.interface.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';
import { bindIdentity, rtcUserFields, userIdField, userIdOrGenerated } from './identity-binding.js';

interface RtcLike {
  channel: string;
  uid?: number;
  account?: string;
}
interface UserLike {
  userId?: string;
  expireSeconds?: number;
}

describe('identity binding', () => {
  const anonymous: Caller = { kind: 'anonymous', id: '127.0.0.1' };
  const apiKey: Caller = { kind: 'apikey', id: 'k', policy: {} };
  const alice: JwtCaller = { kind: 'jwt', id: 'alice' };
  const RTC_USER = [rtcUserFields<RtcLike>('uid', 'account')];
  const USER_ID = [userIdField<UserLike>('userId')];
  const USER_ID_OR_GENERATED = [userIdOrGenerated<UserLike>('userId')];
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  function bound<R>(fields: Parameters<typeof bindIdentity<R>>[0], request: R, caller: Caller): R {
    bindIdentity(fields, request, caller);
    return request;
  }

  function refusal(act: () => unknown): string {
    try {
      act();
    } catch (error) {
      if (error instanceof AccessRefused) return error.rule;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it('leaves the requests of other callers as they are', () => {
    expect(bound(RTC_USER, { channel: 'room', uid: 0 }, anonymous)).toEqual({ channel: 'room', uid: 0 });
    expect(bound(RTC_USER, { channel: 'room' }, apiKey)).toEqual({ channel: 'room' });
    expect(bound(USER_ID, { userId: 'bob' }, apiKey)).toEqual({ userId: 'bob' });
  });

  it('requires a user id of everyone but end users, whose identity fills it', () => {
    expect(() => bound(USER_ID, {}, anonymous)).toThrow(ValidationProblemException);
    expect(() => bound(USER_ID, {}, apiKey)).toThrow(ValidationProblemException);
    expect(bound(USER_ID, {}, alice)).toEqual({ userId: 'alice' });
    expect(bound(USER_ID, { expireSeconds: 60 }, alice)).toEqual({ userId: 'alice', expireSeconds: 60 });
  });

  it('gives everyone but end users a fresh user id where the kind lets them leave it out, and keeps one they name', () => {
    for (const caller of [anonymous, apiKey]) {
      const first = bound(USER_ID_OR_GENERATED, { expireSeconds: 60 }, caller);
      const second = bound(USER_ID_OR_GENERATED, {}, caller);

      expect(first).toEqual({ userId: expect.stringMatching(UUID), expireSeconds: 60 });
      expect(second.userId).toMatch(UUID);
      expect(second.userId).not.toBe(first.userId);
      expect(bound(USER_ID_OR_GENERATED, { userId: 'bob' }, caller)).toEqual({ userId: 'bob' });
    }
  });

  it('binds end users alike whether or not the kind generates a user id for others', () => {
    for (const fields of [USER_ID, USER_ID_OR_GENERATED]) {
      expect(bound(fields, {}, alice)).toEqual({ userId: 'alice' });
      expect(bound(fields, { userId: 'alice' }, alice)).toEqual({ userId: 'alice' });
      expect(refusal(() => bound(fields, { userId: 'bob' }, alice))).toBe('identity');
      expect(refusal(() => bound(fields, {}, { kind: 'jwt', id: 'x'.repeat(65) }))).toBe('identity');
    }
  });

  it('binds end users: their identity fills the user, and no other user passes', () => {
    expect(bound(RTC_USER, { channel: 'room' }, alice)).toEqual({ channel: 'room', account: 'alice' });
    expect(bound(RTC_USER, { channel: 'room', account: 'alice' }, alice)).toEqual({ channel: 'room', account: 'alice' });
    expect(bound(RTC_USER, { channel: 'room', uid: 42 }, { kind: 'jwt', id: '42' })).toEqual({ channel: 'room', uid: 42 });
    expect(refusal(() => bound(RTC_USER, { channel: 'room', account: 'bob' }, alice))).toBe('identity');
    expect(refusal(() => bound(RTC_USER, { channel: 'room', uid: 7 }, alice))).toBe('identity');
    expect(refusal(() => bound(RTC_USER, { channel: 'room', uid: 0 }, { kind: 'jwt', id: '0' }))).toBe('identity');
    expect(refusal(() => bound(USER_ID, { userId: 'bob' }, alice))).toBe('identity');
  });

  it('refuses an identity too long to be a user id rather than sign a token Agora would refuse', () => {
    expect(refusal(() => bound(USER_ID, {}, { kind: 'jwt', id: 'x'.repeat(65) }))).toBe('identity');
    expect(bound(USER_ID, {}, { kind: 'jwt', id: 'x'.repeat(64) })).toEqual({ userId: 'x'.repeat(64) });
  });

  it('lets an end user name exactly their own user id, whatever the strings', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme-ascii' }), fc.string({ minLength: 1, maxLength: 64 }), (identity, asked) => {
        const caller: JwtCaller = { kind: 'jwt', id: identity };
        if (asked === identity) expect(bound(USER_ID, { userId: asked }, caller)).toEqual({ userId: identity });
        else expect(refusal(() => bound(USER_ID, { userId: asked }, caller))).toBe('identity');
        expect(bound(USER_ID, {}, caller)).toEqual({ userId: identity });
      }),
    );
  });
});
