import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import agoraToken from 'agora-token';
import { kConvoAIServiceType, kRtcServiceType, kRtmServiceType, kSttServiceType } from 'agora-token/src/AccessToken2.js';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile, type TestKey } from './support/api-keys.js';
import { contentOf, serviceTypesOf } from './support/builder-parity.js';
import { JwksServer } from './support/jwks-server.js';
import { tokenRouteClient } from './support/token-route-client.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const { ConvoAITokenBuilder, SttTokenBuilder, RtcRole } = agoraToken;

const keys = {
  backend: { id: 'backend', key: newApiKey() },
  rtcRtm: { id: 'rtc-rtm', key: newApiKey(), kinds: ['rtc-rtm'] },
  agents: { id: 'agents', key: newApiKey(), kinds: ['convoai', 'stt'], channels: ['ai-*'], roles: ['subscriber'], maxExpireSeconds: 600 },
} satisfies Record<string, TestKey>;

/** A user id the DTOs take: 1 to 64 bytes of well-formed text with no control character. */
const userIdArbitrary = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
  .filter((id) => Buffer.byteLength(id) <= 64 && !/\p{Cc}/u.test(id));

const ROUTES = [
  { url: '/v1/convoai/token', kind: 'convoai', builder: ConvoAITokenBuilder, service: kConvoAIServiceType },
  { url: '/v1/stt/token', kind: 'stt', builder: SttTokenBuilder, service: kSttServiceType },
];

describe.each(ROUTES)('POST $url', ({ url, kind, builder, service }) => {
  let jwks: JwksServer;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    jwks = await JwksServer.start();
    app = await createTestApp({
      ...jwks.env('apikey,jwt'),
      API_KEYS_FILE: writeApiKeysFile(Object.values(keys)),
      JWT_CHANNELS_CLAIM: 'channels',
      TOKEN_MAX_EXPIRE_SECONDS: '43200',
    });
  });
  afterAll(async () => {
    await app.close();
    await jwks.stop();
  });

  const { post, issue, refuse, forbid } = tokenRouteClient(() => app, url, keys.backend);
  // The app reads a channels claim: a JWT without one may have no channel.
  const endUser = (sub: string) => jwks.sign({ sub, channels: ['*'] });

  it(`issues the agent's token exactly as ${kind}'s agora-token builder signs it, never cached`, async () => {
    const { response, body, token } = await issue({ channel: 'ai-room', uid: 1001, expireSeconds: 900, rtmUserId: 'agent-1', rtmExpireSeconds: 600 });

    expect(response.headers['cache-control']).toBe('no-store');
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(serviceTypesOf(body.token)).toEqual([kRtcServiceType, kRtmServiceType, service]);
    expect(token.rtc).toEqual({
      channel: 'ai-room',
      uid: '1001',
      privileges: { joinChannel: 900, publishAudio: 900, publishVideo: 900, publishData: 900 },
    });
    expect(token.rtm).toEqual({ userId: 'agent-1', privileges: { login: 600 } });
    const built = builder.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'ai-room', 1001, RtcRole.PUBLISHER, 900, 900, 900, 900, 900, 'agent-1', 600);
    expect(contentOf(body.token)).toEqual(contentOf(built));
    expect(body).toEqual({
      token: body.token,
      appId: TEST_APP_ID,
      project: 'default',
      channel: 'ai-room',
      uid: 1001,
      role: 'publisher',
      rtmUserId: 'agent-1',
      rtmExpireSeconds: 600,
      issuedAt: new Date(token.issueTs * 1000).toISOString(),
      expiresAt: new Date((token.issueTs + 900) * 1000).toISOString(),
      expireSeconds: 900,
    });
  });

  it('makes the agent a publisher logging in to Signaling as its RTC user by default; subscriber joins only', async () => {
    const agent = await issue({ channel: 'ai-room', account: 'agent-1' });
    expect(agent.token.rtc?.privileges).toEqual({ joinChannel: 3600, publishAudio: 3600, publishVideo: 3600, publishData: 3600 });
    expect(agent.token.rtm).toEqual({ userId: 'agent-1', privileges: { login: 3600 } });

    const listener = await issue({ channel: 'ai-room', uid: 7, role: 'subscriber' });
    expect(listener.token.rtc?.privileges).toEqual({ joinChannel: 3600 });
    expect(contentOf(listener.body.token)).toEqual(
      contentOf(builder.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'ai-room', 7, RtcRole.SUBSCRIBER, 3600, 3600, 3600, 3600, 3600, '7', 3600)),
    );
  });

  it('signs any agent uid and Signaling user id it accepts, exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4_294_967_295 }), userIdArbitrary, async (uid, rtmUserId) => {
        const { token } = await issue({ channel: 'ai-room', uid, rtmUserId });
        expect(token.rtc?.uid).toBe(uid === 0 ? '' : String(uid));
        expect(token.rtm?.userId).toBe(rtmUserId);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses bad input with the same rules as /v1/rtc-rtm/token, each error once', async () => {
    await refuse({ uid: 1 }, [{ field: 'channel', message: 'channel is required' }]);
    await refuse({ channel: 'r', role: 'agent' }, [{ field: 'role', message: 'role must be one of the following values: publisher, subscriber' }]);
    await refuse({ channel: 'r', role: 'publisher', privileges: { joinChannel: 60 } }, [
      { field: 'role', message: 'role and privileges cannot be used together; send one of them' },
    ]);
    await refuse({ channel: 'r', uid: -1, rtmUserId: '' }, [
      { field: 'uid', message: 'uid must not be less than 0' },
      { field: 'rtmUserId', message: 'rtmUserId must be 1 to 64 bytes' },
    ]);
    await refuse({ channel: 'r', uid: 0 }, [{ field: 'rtmUserId', message: 'rtmUserId is required with uid 0 (any user)' }]);
    await refuse({ channel: 'r', uid: 1, format: '006' }, [
      { field: 'format', message: 'format must be 007: a 006 token holds one service, and this token holds two or more' },
    ]);
  });

  describe('API key policies', () => {
    it(`kinds: ${kind} is a kind of its own`, async () => {
      await forbid({ channel: 'ai-room', uid: 1 }, keys.rtcRtm, 'kinds', `this API key may not get ${kind} tokens.`);
      expect((await post({ channel: 'ai-room', uid: 1, role: 'subscriber' }, keys.agents)).statusCode).toBe(200);
    });

    it('channels, roles (the publisher default included) and maxExpireSeconds on every lifetime', async () => {
      const room = { channel: 'ai-room', uid: 1, role: 'subscriber' };
      await forbid({ ...room, channel: 'lobby' }, keys.agents, 'channels', 'this API key may not get tokens for channel "lobby".');
      await forbid({ channel: 'ai-room', uid: 1 }, keys.agents, 'roles', 'this API key may not get publisher tokens.');
      await forbid({ ...room, expireSeconds: 601 }, keys.agents, 'maxExpireSeconds', 'expireSeconds may be at most 600 seconds for this API key.');
      await forbid({ ...room, rtmExpireSeconds: 601 }, keys.agents, 'maxExpireSeconds', 'rtmExpireSeconds may be at most 600 seconds for this API key.');
      const privileges = { channel: 'ai-room', uid: 1, privileges: { joinChannel: 601 } };
      await forbid(privileges, keys.agents, 'maxExpireSeconds', 'privileges.joinChannel may be at most 600 seconds for this API key.');
    });
  });

  describe('end users (JWT)', () => {
    it('signs for the identity as the RTC account and the Signaling user, and refuses any other user', async () => {
      const alice = await endUser('alice');
      const { token } = await issue({ channel: 'ai-room' }, alice);
      expect([token.rtc?.uid, token.rtm?.userId]).toEqual(['alice', 'alice']);

      await forbid({ channel: 'ai-room', rtmUserId: 'agent-1' }, alice, 'identity', "rtmUserId must be the caller's own identity.");
      await forbid({ channel: 'ai-room', uid: 1001 }, alice, 'identity', "uid must be the caller's own identity.");
    });

    it('takes a numeric uid only when the identity is that number', async () => {
      const { body } = await issue({ channel: 'ai-room', uid: 4242 }, await endUser('4242'));

      expect(body).toMatchObject({ uid: 4242, rtmUserId: '4242' });
    });

    it('allows only the channels in the JWT claim', async () => {
      const jwt = await jwks.sign({ sub: 'alice', channels: ['ai-*'] });
      await forbid({ channel: 'lobby' }, jwt, 'channels', 'the caller\'s token does not allow channel "lobby".');
    });
  });
});
