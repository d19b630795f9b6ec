import { RtcTokenBuilder, Role as RtcRole } from 'agora-token/src/RtcTokenBuilder.js';
import { RtmTokenBuilder } from 'agora-token/src/RtmTokenBuilder.js';
import { decodeToken006 } from '../../test/support/decode-token-006.js';
import { authorized, testSigner } from '../../test/support/signer.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../test/support/test-credentials.js';
import type { TokenGrant } from './token-grant.interface.js';

describe('AgoraTokenSigner, format 006', () => {
  const signer = testSigner();
  const sign = (seconds: number, grant: TokenGrant) => signer.sign(seconds, authorized([grant]), '006');

  it('signs an RTC publisher by uid as RtcTokenBuilder.buildTokenWithUid: every privilege until issue time + lifetime', () => {
    const all = { joinChannel: 600, publishAudio: 600, publishVideo: 600, publishData: 600 };
    const signed = sign(600, { service: 'rtc', channel: 'demo-room', user: 42, privileges: all });
    const ours = decodeToken006(signed.token);
    const issueTs = signed.issuedAt.getTime() / 1000;
    const theirs = decodeToken006(RtcTokenBuilder.buildTokenWithUid(TEST_APP_ID, TEST_APP_CERTIFICATE, 'demo-room', 42, RtcRole.PUBLISHER, issueTs + 600));

    expect(ours.appId).toBe(TEST_APP_ID);
    const at = issueTs + 600;
    expect(ours.privileges).toEqual({ joinChannel: at, publishAudio: at, publishVideo: at, publishData: at });
    expect(ours.privileges).toEqual(theirs.privileges);
    expect(Math.abs(ours.ts - theirs.ts)).toBeLessThanOrEqual(1);
    expect(signed.expiresAt.getTime() / 1000).toBe(at);
    expect(ours.signs(TEST_APP_CERTIFICATE, 'demo-room', '42')).toBe(true);
    expect(ours.signs(OTHER_CERTIFICATE, 'demo-room', '42')).toBe(false);
    expect(ours.signs(TEST_APP_CERTIFICATE, 'other-room', '42')).toBe(false);
    expect(ours.signs(TEST_APP_CERTIFICATE, 'demo-room', '43')).toBe(false);
  });

  it('signs a subscriber account as buildTokenWithAccount, and uid 0 as "any user" (an empty uid)', () => {
    const signed = sign(300, { service: 'rtc', channel: 'c1', user: 'alice@example.com', privileges: { joinChannel: 300 } });
    const issueTs = signed.issuedAt.getTime() / 1000;
    const theirs = decodeToken006(
      RtcTokenBuilder.buildTokenWithAccount(TEST_APP_ID, TEST_APP_CERTIFICATE, 'c1', 'alice@example.com', RtcRole.SUBSCRIBER, issueTs + 300),
    );
    const ours = decodeToken006(signed.token);
    expect(ours.privileges).toEqual({ joinChannel: issueTs + 300 });
    expect(ours.privileges).toEqual(theirs.privileges);
    expect(ours.signs(TEST_APP_CERTIFICATE, 'c1', 'alice@example.com')).toBe(true);

    const anyone = decodeToken006(sign(300, { service: 'rtc', channel: 'c1', user: 0, privileges: { joinChannel: 300 } }).token);
    expect(anyone.signs(TEST_APP_CERTIFICATE, 'c1', '')).toBe(true);
  });

  it('gives each privilege its own expiry timestamp', () => {
    const signed = sign(3600, { service: 'rtc', channel: 'c1', user: 7, privileges: { joinChannel: 3600, publishAudio: 60 } });
    const issueTs = signed.issuedAt.getTime() / 1000;
    expect(decodeToken006(signed.token).privileges).toEqual({ joinChannel: issueTs + 3600, publishAudio: issueTs + 60 });
  });

  it('signs a Signaling login as RtmTokenBuilder.buildToken (v1): the user id where the channel goes, an empty uid', () => {
    const signed = sign(1200, { service: 'rtm', userId: 'alice', loginSeconds: 1200 });
    const issueTs = signed.issuedAt.getTime() / 1000;
    const ours = decodeToken006(signed.token);
    const theirs = decodeToken006(RtmTokenBuilder.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'alice', 1, issueTs + 1200));
    expect(ours.privileges).toEqual({ rtmLogin: issueTs + 1200 });
    expect(ours.privileges).toEqual(theirs.privileges);
    expect(ours.signs(TEST_APP_CERTIFICATE, 'alice', '')).toBe(true);
  });

  it('refuses what a 006 token cannot hold rather than signing part of it', () => {
    const rtm = { service: 'rtm', userId: 'alice', loginSeconds: 60 } as const;
    expect(() => signer.sign(60, authorized([rtm, { service: 'rtc', channel: 'c', user: 'alice', privileges: { joinChannel: 60 } }]), '006')).toThrow(/one service/);
    expect(() => sign(60, { ...rtm, permissions: { messageChannels: { read: ['a'] } } })).toThrow(/permissions/);
    expect(() => sign(60, { service: 'chat-user', userId: 'alice', seconds: 60 })).toThrow(/chat-user/);
  });
});
