import { RtcRole } from '../../agora/rtc-role.enum.js';
import type { RtcPrivileges, TokenGrant } from '../../agora/token-grant.interface.js';
import type { ApiKeyCaller, Caller, JwtCaller } from '../caller.interface.js';
import { AccessRefused, type AccessRule } from './access-refused.exception.js';
import type { KindPolicy } from './kind-policy.js';
import { TokenAuthorizer } from './token-authorizer.service.js';

describe('TokenAuthorizer', () => {
  const authorizer = new TokenAuthorizer();
  const anonymous: Caller = { kind: 'anonymous', id: '127.0.0.1' };
  const alice: JwtCaller = { kind: 'jwt', id: 'alice' };
  const key = (policy: ApiKeyCaller['policy']): ApiKeyCaller => ({ kind: 'apikey', id: 'k', policy });

  // Kind policies as token kinds declare them (see src/*/…-token.kind.ts).
  const RTC: KindPolicy = { policyKind: 'rtc' };
  const RTM: KindPolicy = { policyKind: 'rtm' };
  const CHAT_APP: KindPolicy = {
    policyKind: 'chat-app',
    refusedToEndUsers: { rule: 'chat-app', detail: 'end users may not get a Chat app token (it grants app-wide privileges).' },
  };
  const chatApp = (seconds: number): TokenGrant[] => [{ service: 'chat-app', seconds }];

  function refusal(act: () => unknown): AccessRule {
    try {
      act();
    } catch (error) {
      if (error instanceof AccessRefused) return error.rule;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  /** An RTC grant for `channel` with these privileges (the role's when only joinChannel is given). */
  const rtc = (channel: string, privileges: RtcPrivileges = { joinChannel: 3600 }): TokenGrant => ({
    service: 'rtc',
    channel,
    user: 7,
    privileges,
  });

  it('refuses an anonymous caller nothing (AUTH_MODE=none), and returns the grants it judged, not a copy', () => {
    const grants = chatApp(86_400);

    expect(authorizer.check(anonymous, CHAT_APP, 86_400, grants)).toBe(grants);
  });

  it('never gives an end user a kind refused to end users (the Chat app token), naming the kind’s rule', () => {
    expect(refusal(() => authorizer.check(alice, CHAT_APP, 60, chatApp(60)))).toBe('chat-app');
    expect(() => authorizer.check(key({ kinds: ['chat-app'] }), CHAT_APP, 60, chatApp(60))).not.toThrow();
    expect(refusal(() => authorizer.check(key({ kinds: ['chat'] }), CHAT_APP, 60, chatApp(60)))).toBe('kinds');
  });

  it('limits end users to their channel claim when there is one', () => {
    const scoped: JwtCaller = { ...alice, channels: ['team-*'] };
    const rtm: TokenGrant = { service: 'rtm', userId: 'alice', loginSeconds: 3600 };

    expect(() => authorizer.check(scoped, RTC, 3600, [rtc('team-1')])).not.toThrow();
    expect(refusal(() => authorizer.check(scoped, RTC, 3600, [rtc('lobby')]))).toBe('channels');
    // An RTM token's stream channel is judged like any channel; without one there is nothing to refuse.
    expect(refusal(() => authorizer.check({ ...alice, channels: [] }, RTM, 3600, [rtm, rtc('team-1')]))).toBe('channels');
    expect(() => authorizer.check({ ...alice, channels: [] }, RTM, 3600, [rtm])).not.toThrow();
  });

  it('applies each policy field of an API key to what is signed', () => {
    const publisher = { joinChannel: 60, publishAudio: 60, publishVideo: 60, publishData: 60 };
    const subscribers = key({ roles: [RtcRole.Subscriber] });

    expect(refusal(() => authorizer.check(key({ kinds: ['rtc'] }), RTM, 60, [{ service: 'rtm', userId: 'a', loginSeconds: 60 }]))).toBe('kinds');
    expect(refusal(() => authorizer.check(key({ channels: ['a-*'] }), RTC, 60, [rtc('b')]))).toBe('channels');
    expect(refusal(() => authorizer.check(subscribers, RTC, 60, [rtc('c', publisher)]))).toBe('roles');
    expect(refusal(() => authorizer.check(subscribers, RTC, 60, [rtc('c', { joinChannel: 60, publishVideo: 30 })]))).toBe('roles');
    expect(() => authorizer.check(subscribers, RTC, 60, [rtc('c', { joinChannel: 60 })])).not.toThrow();
    expect(refusal(() => authorizer.check(key({ maxExpireSeconds: 100 }), RTC, 101, [rtc('c', { joinChannel: 101 })]))).toBe('maxExpireSeconds');
    expect(refusal(() => authorizer.check(key({ maxExpireSeconds: 100 }), RTC, 100, [rtc('c', { joinChannel: 101 })]))).toBe('maxExpireSeconds');
  });

  it("judges an RTM token's stream channel as a channel, not as a publisher token", () => {
    const streaming = [{ service: 'rtm', userId: 'a', loginSeconds: 60 }, rtc('team-1', { joinChannel: 60, publishData: 60 })] as const;

    expect(() => authorizer.check(key({ kinds: ['rtm'], roles: [RtcRole.Subscriber] }), RTM, 60, streaming)).not.toThrow();
    expect(refusal(() => authorizer.check(key({ kinds: ['rtm'], channels: ['lobby'] }), RTM, 60, streaming))).toBe('channels');
  });

  it("names an API key's lifetime cap, and no cap for other callers", () => {
    expect(authorizer.lifetimeCap(key({ maxExpireSeconds: 600 }))).toBe(600);
    expect(authorizer.lifetimeCap(key({}))).toBeUndefined();
    expect(authorizer.lifetimeCap(alice)).toBeUndefined();
    expect(authorizer.lifetimeCap(anonymous)).toBeUndefined();
  });

  it('gives end users a service kind (cloud recording) only when their services claim names it, then judges their channels', () => {
    const RECORDING: KindPolicy = { policyKind: 'recording', endUserService: 'recording' };
    const subscriber = [rtc('team-1', { joinChannel: 60 })];

    expect(refusal(() => authorizer.check(alice, RECORDING, 60, subscriber))).toBe('services');
    expect(refusal(() => authorizer.check({ ...alice, services: ['stt'] }, RECORDING, 60, subscriber))).toBe('services');
    expect(refusal(() => authorizer.checkKind({ ...alice, services: [] }, RECORDING))).toBe('services');
    expect(() => authorizer.check({ ...alice, services: ['recording'] }, RECORDING, 60, subscriber)).not.toThrow();
    expect(refusal(() => authorizer.check({ ...alice, services: ['recording'], channels: ['lobby'] }, RECORDING, 60, subscriber))).toBe('channels');
    // API keys name the kind in `kinds`; the services claim is the end users' own.
    expect(() => authorizer.check(key({ kinds: ['recording'] }), RECORDING, 60, subscriber)).not.toThrow();
    expect(refusal(() => authorizer.checkKind(key({ kinds: ['rtc'] }), RECORDING))).toBe('kinds');
  });

  it('guards a route that signs nothing by its kind alone: API keys by kinds, end users when refused', () => {
    const INSPECT: KindPolicy = { policyKind: 'inspect', refusedToEndUsers: { rule: 'inspect', detail: 'no.' } };

    expect(() => authorizer.checkKind(key({ kinds: ['inspect'] }), INSPECT)).not.toThrow();
    expect(() => authorizer.checkKind(key({ channels: ['a-*'], maxExpireSeconds: 1 }), INSPECT)).not.toThrow();
    expect(() => authorizer.checkKind(anonymous, INSPECT)).not.toThrow();
    expect(refusal(() => authorizer.checkKind(key({ kinds: ['rtc'] }), INSPECT))).toBe('kinds');
    expect(refusal(() => authorizer.checkKind(alice, INSPECT))).toBe('inspect');
    expect(() => authorizer.checkKind(alice, RTC)).not.toThrow();
  });
});
