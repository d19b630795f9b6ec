import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  FpaTokenBuilder,
  Rtm2Permissions,
  RtcRole,
  RtcTokenBuilder,
  RtmTokenBuilder,
  SttTokenBuilder,
} from 'agora-token';
import * as accessToken2 from 'agora-token/src/AccessToken2.js';
import { TEST_APP_CERTIFICATE as CERT, TEST_APP_ID as APP_ID } from '../../test/support/test-credentials.js';
import { decodeToken, type DecodedToken } from './token-decoder.js';
import { privilegeName, SERVICE_FORMATS } from './token-services.js';

/** agora-token's classes the typings do not cover: Streaming and FCDN have no builder, 006 has no typings. */
const lib = accessToken2 as unknown as Record<string, new (...args: unknown[]) => { add_privilege(id: number, s: number): void }>;
const require = createRequire(import.meta.url);
const { RtcTokenBuilder: RtcTokenBuilder006 } = require('agora-token/src/RtcTokenBuilder.js') as {
  RtcTokenBuilder: { buildTokenWithUid(...args: unknown[]): string };
};
const { RtmTokenBuilder: RtmTokenBuilder006 } = require('agora-token/src/RtmTokenBuilder.js') as {
  RtmTokenBuilder: { buildToken(...args: unknown[]): string };
};

/** Each service as the decoder reads it, privileges as seconds after issue (null: no limit of its own). */
function content(decoded: DecodedToken) {
  return decoded.services.map((service, index) => {
    const format = [...SERVICE_FORMATS.values()].find(({ kind }) => kind === service.kind);
    const { privileges: _ids, ...fields } = service;
    const privileges = Object.fromEntries(
      [...decoded.privilegeExpiries[index]].map(([id, at]) => [privilegeName(format, id), at === null ? null : at - (decoded.issuedAt ?? 0)]),
    );
    return { ...fields, privileges };
  });
}

const publisher = (s: number) => ({ joinChannel: s, publishAudio: s, publishVideo: s, publishData: s });

describe('decodeToken over every kind agora-token builds', () => {
  it('reads an RTC token: channel, uid or account, each privilege, the token lifetime', () => {
    const byUid = decodeToken(RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, RtcRole.PUBLISHER, 3600, 600));
    expect(byUid).toMatchObject({ format: '007', appId: APP_ID });
    expect(byUid.expiresAt - byUid.issuedAt!).toBe(3600);
    expect(content(byUid)).toEqual([{ kind: 'rtc', channel: 'room', user: '42', privileges: publisher(600) }]);

    const account = decodeToken(RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', 'alice', RtcRole.SUBSCRIBER, 60, 60));
    expect(content(account)).toEqual([{ kind: 'rtc', channel: 'room', user: 'alice', privileges: { joinChannel: 60 } }]);

    const privileges = decodeToken(RtcTokenBuilder.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'room', 0, 900, 900, 300, 200, 100));
    expect(content(privileges)).toEqual([
      { kind: 'rtc', channel: 'room', user: '', privileges: { joinChannel: 900, publishAudio: 300, publishVideo: 200, publishData: 100 } },
    ]);
  });

  it('reads RTC + Signaling tokens, for one user and for two', () => {
    const same = decodeToken(RtcTokenBuilder.buildTokenWithRtm(APP_ID, CERT, 'room', 'alice', RtcRole.PUBLISHER, 3600, 1800));
    expect(content(same)).toEqual([
      { kind: 'rtc', channel: 'room', user: 'alice', privileges: publisher(1800) },
      { kind: 'rtm', user: 'alice', privileges: { login: 3600 } },
    ]);
    const two = decodeToken(RtcTokenBuilder.buildTokenWithRtm2(APP_ID, CERT, 'room', 7, RtcRole.SUBSCRIBER, 3600, 3000, 0, 0, 0, 'bob', 1200));
    expect(content(two)).toEqual([
      { kind: 'rtc', channel: 'room', user: '7', privileges: { joinChannel: 3000 } },
      { kind: 'rtm', user: 'bob', privileges: { login: 1200 } },
    ]);
  });

  it('reads Signaling tokens, with and without channel permissions', () => {
    expect(content(decodeToken(RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 600)))).toEqual([
      { kind: 'rtm', user: 'alice', privileges: { login: 600 } },
    ]);
    const permissions = new Rtm2Permissions();
    permissions.add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kRead, ['lobby', 'news-*']);
    permissions.add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kWrite, ['lobby']);
    permissions.add(Rtm2Permissions.kUsers, Rtm2Permissions.kWrite, ['bob']);
    expect(content(decodeToken(RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'alice', permissions, 600)))).toEqual([
      {
        kind: 'rtm2',
        user: 'alice',
        permissions: { messageChannels: { read: ['lobby', 'news-*'], write: ['lobby'] }, users: { write: ['bob'] } },
        privileges: { login: 600 },
      },
    ]);
  });

  it('reads an FPA token: 24 hours, its login privilege with no limit of its own', () => {
    const fpa = decodeToken(FpaTokenBuilder.buildToken(APP_ID, CERT));
    expect(fpa.expiresAt - fpa.issuedAt!).toBe(86_400);
    expect(content(fpa)).toEqual([{ kind: 'fpa', privileges: { login: null } }]);
  });

  it('reads Chat user and app tokens', () => {
    expect(content(decodeToken(ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'alice', 600)))).toEqual([
      { kind: 'chat', user: 'alice', privileges: { user: 600 } },
    ]);
    expect(content(decodeToken(ChatTokenBuilder.buildAppToken(APP_ID, CERT, 600)))).toEqual([{ kind: 'chat', user: '', privileges: { app: 600 } }]);
  });

  it('reads Flexible Classroom tokens: room user (with Signaling and Chat for md5 of the user), user, app', () => {
    const chatUser = createHash('md5').update('u-1').digest('hex');
    expect(content(decodeToken(ApaasTokenBuilder.buildRoomUserToken(APP_ID, CERT, 'room-1', 'u-1', 2, 600)))).toEqual([
      { kind: 'rtm', user: 'u-1', privileges: { login: 600 } },
      { kind: 'chat', user: chatUser, privileges: { user: 600 } },
      { kind: 'apaas', room: 'room-1', user: 'u-1', role: 2, privileges: {} },
    ]);
    expect(content(decodeToken(ApaasTokenBuilder.buildUserToken(APP_ID, CERT, 'u-1', 600)))).toEqual([
      { kind: 'apaas', room: '', user: 'u-1', role: -1, privileges: { user: 600 } },
    ]);
    expect(content(decodeToken(ApaasTokenBuilder.buildAppToken(APP_ID, CERT, 600)))).toEqual([
      { kind: 'apaas', room: '', user: '', role: -1, privileges: { app: 600 } },
    ]);
  });

  it.each([
    ['convoai', ConvoAITokenBuilder],
    ['stt', SttTokenBuilder],
  ] as const)('reads a %s agent token: RTC, Signaling and the agent service', (kind, builder) => {
    const decoded = decodeToken(builder.buildToken(APP_ID, CERT, 'room', 'agent', 1, 3600, 3600, 600, 600, 600, 'agent-rtm', 1800));
    expect(content(decoded)).toEqual([
      { kind: 'rtc', channel: 'room', user: 'agent', privileges: { joinChannel: 3600, publishAudio: 600, publishVideo: 600, publishData: 600 } },
      { kind: 'rtm', user: 'agent-rtm', privileges: { login: 1800 } },
      { kind, privileges: {} },
    ]);
  });

  it('reads Streaming and FCDN services (no builder: composed from agora-token’s services)', () => {
    const token = new accessToken2.AccessToken2(APP_ID, CERT, 0, 600);
    const streaming = new lib.ServiceStreaming('live', 'alice');
    streaming.add_privilege(1, 300);
    streaming.add_privilege(2, 600);
    const fcdn = new lib.ServiceFCdn('cdn', 9);
    fcdn.add_privilege(2, 600);
    token.add_service(streaming as unknown as accessToken2.Service);
    token.add_service(fcdn as unknown as accessToken2.Service);
    expect(content(decodeToken(token.build()))).toEqual([
      { kind: 'streaming', channel: 'live', user: 'alice', privileges: { publishMixStream: 300, publishRawStream: 600 } },
      { kind: 'fcdn', channel: 'cdn', user: '9', privileges: { play: 600 } },
    ]);
  });

  it('reads legacy AccessToken (006) tokens: absolute times, no issue time, RTC or Signaling privileges', () => {
    const until = Math.floor(Date.now() / 1000) + 600;
    const rtc = decodeToken(RtcTokenBuilder006.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, until));
    expect(rtc).toMatchObject({ format: '006', appId: APP_ID, issuedAt: null });
    expect(rtc.services).toEqual([{ kind: 'rtc', privileges: new Map([[1, until], [2, until], [3, until], [4, until]]) }]);
    const rtm = decodeToken(RtmTokenBuilder006.buildToken(APP_ID, CERT, 'alice', 1, 0));
    expect(rtm.services).toEqual([{ kind: 'rtm', privileges: new Map([[1, 0]]) }]);
    expect(rtm.privilegeExpiries).toEqual([new Map([[1, null]])]);
  });
});
