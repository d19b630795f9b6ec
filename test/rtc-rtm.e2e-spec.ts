import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import agoraToken from 'agora-token';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile, type TestKey } from './support/api-keys.js';
import { contentOf } from './support/builder-parity.js';
import { JwksServer } from './support/jwks-server.js';
import { tokenRouteClient } from './support/token-route-client.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const { RtcTokenBuilder, RtcRole } = agoraToken;
const URL = '/v1/rtc-rtm/token';

const keys = {
  backend: { id: 'backend', key: newApiKey() },
  rtcOnly: { id: 'rtc-only', key: newApiKey(), kinds: ['rtc'] },
  team: { id: 'team', key: newApiKey(), kinds: ['rtc-rtm'], channels: ['team-*'], roles: ['subscriber'], maxExpireSeconds: 600 },
} satisfies Record<string, TestKey>;

/** A Signaling user id the DTO takes: 1 to 64 bytes of well-formed text with no control character. */
const userIdArbitrary = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
  .filter((id) => Buffer.byteLength(id) <= 64 && !/\p{Cc}/u.test(id));

describe('POST /v1/rtc-rtm/token', () => {
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

  const { post, issue, refuse, forbid } = tokenRouteClient(() => app, URL, keys.backend);

  it('issues one token for RTC and Signaling as one account, as buildTokenWithRtm does, never cached', async () => {
    const { response, body, token } = await issue({ channel: 'room-1', account: 'alice', role: 'publisher', expireSeconds: 600 });

    expect(response.headers['cache-control']).toBe('no-store');
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(token.rtc).toEqual({
      channel: 'room-1',
      uid: 'alice',
      privileges: { joinChannel: 600, publishAudio: 600, publishVideo: 600, publishData: 600 },
    });
    expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: 600 } });
    expect(contentOf(body.token)).toEqual(
      contentOf(RtcTokenBuilder.buildTokenWithRtm(TEST_APP_ID, TEST_APP_CERTIFICATE, 'room-1', 'alice', RtcRole.PUBLISHER, 600, 600)),
    );
    expect(body).toEqual({
      token: body.token,
      appId: TEST_APP_ID,
      project: 'default',
      channel: 'room-1',
      account: 'alice',
      role: 'publisher',
      rtmUserId: 'alice',
      rtmExpireSeconds: 600,
      issuedAt: new Date(token.issueTs * 1000).toISOString(),
      expiresAt: new Date((token.issueTs + 600) * 1000).toISOString(),
      expireSeconds: 600,
    });
  });

  it('issues a uid for RTC and another Signaling user with its own lifetime, as buildTokenWithRtm2 does', async () => {
    const { body, token } = await issue({ channel: 'room', uid: 42, role: 'publisher', rtmUserId: 'alice', rtmExpireSeconds: 1800 });

    expect(token.rtc?.uid).toBe('42');
    expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: 1800 } });
    expect(contentOf(body.token)).toEqual(
      contentOf(RtcTokenBuilder.buildTokenWithRtm2(TEST_APP_ID, TEST_APP_CERTIFICATE, 'room', 42, RtcRole.PUBLISHER, 3600, 3600, 3600, 3600, 3600, 'alice', 1800)),
    );
    expect(body).toMatchObject({ uid: 42, role: 'publisher', rtmUserId: 'alice', rtmExpireSeconds: 1800, expireSeconds: 3600 });
  });

  it('picks a random uid when no user is named, and logs it in to Signaling as the same user', async () => {
    const { body, token } = await issue({ channel: 'room' });

    expect(body.uid).toBeGreaterThan(0);
    expect(token.rtc).toEqual({ channel: 'room', uid: String(body.uid), privileges: { joinChannel: 3600 } });
    expect(token.rtm?.userId).toBe(String(body.uid));
    expect(body).toMatchObject({ role: 'subscriber', rtmUserId: String(body.uid) });
  });

  it('signs any uid and Signaling user id it accepts, exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4_294_967_295 }), userIdArbitrary, async (uid, rtmUserId) => {
        const { body, token } = await issue({ channel: 'room', uid, rtmUserId });
        expect(token.rtc?.uid).toBe(uid === 0 ? '' : String(uid));
        expect(token.rtm?.userId).toBe(rtmUserId);
        expect(body).toMatchObject({ uid, rtmUserId });
      }),
      { numRuns: 40 },
    );
  });

  describe('refuses', () => {
    it('what /v1/rtc/token refuses, with the same messages', async () => {
      await refuse({ uid: 1 }, [{ field: 'channel', message: 'channel is required' }]);
      await refuse({ channel: 'r', uid: 1, account: 'a' }, [{ field: 'uid', message: 'uid and account cannot be used together; send one of them' }]);
      await refuse({ channel: 'r', role: 'admin' }, [{ field: 'role', message: 'role must be one of the following values: publisher, subscriber' }]);
    });

    it('an empty, over-long or non-string rtmUserId', async () => {
      for (const rtmUserId of ['', 'a'.repeat(65), 'é'.repeat(33)]) {
        await refuse({ channel: 'r', rtmUserId }, [{ field: 'rtmUserId', message: 'rtmUserId must be 1 to 64 bytes' }]);
      }
      await refuse({ channel: 'r', rtmUserId: 5 }, [{ field: 'rtmUserId', message: 'rtmUserId must be a string' }]);
    });

    it('an rtmExpireSeconds of 0, over 24 h, over the configured maximum, or not an integer', async () => {
      await refuse({ channel: 'r', rtmExpireSeconds: 0 }, [{ field: 'rtmExpireSeconds', message: 'rtmExpireSeconds must not be less than 1' }]);
      await refuse({ channel: 'r', rtmExpireSeconds: 86401 }, [{ field: 'rtmExpireSeconds', message: 'rtmExpireSeconds must not be greater than 86400' }]);
      await refuse({ channel: 'r', rtmExpireSeconds: '60' }, [{ field: 'rtmExpireSeconds', message: 'rtmExpireSeconds must be an integer number' }]);
      await refuse({ channel: 'r', rtmExpireSeconds: 43201 }, [
        { field: 'rtmExpireSeconds', message: 'rtmExpireSeconds must not be greater than 43200 (the configured maximum)' },
      ]);
    });

    it('format 006, which holds one service (this token holds two); 007 is taken', async () => {
      await refuse({ channel: 'r', account: 'a', format: '006' }, [
        { field: 'format', message: 'format must be 007: a 006 token holds one service, and this token holds two or more' },
      ]);
      expect((await issue({ channel: 'r', account: 'a', format: '007' })).token.serviceCount).toBe(2);
    });

    it('a uid 0 (any user) or an account over 64 bytes without an rtmUserId to log in as', async () => {
      await refuse({ channel: 'r', uid: 0 }, [{ field: 'rtmUserId', message: 'rtmUserId is required with uid 0 (any user)' }]);
      await refuse({ channel: 'r', account: 'a'.repeat(65) }, [
        { field: 'rtmUserId', message: 'rtmUserId is required when account is longer than 64 bytes' },
      ]);
    });
  });

  describe('API key policies', () => {
    it('kinds: a key for RTC alone may not get an RTC + Signaling token', () =>
      forbid({ channel: 'room', uid: 1 }, keys.rtcOnly, 'kinds', 'this API key may not get rtc-rtm tokens.'));

    it('channels: only channels the key lists', async () => {
      expect((await post({ channel: 'team-1', uid: 1 }, keys.team)).statusCode).toBe(200);
      await forbid({ channel: 'lobby', uid: 1 }, keys.team, 'channels', 'this API key may not get tokens for channel "lobby".');
    });

    it('roles: a publisher role or any publish privilege', async () => {
      await forbid({ channel: 'team-1', uid: 1, role: 'publisher' }, keys.team, 'roles', 'this API key may not get publisher tokens.');
      await forbid({ channel: 'team-1', uid: 1, privileges: { joinChannel: 60, publishData: 60 } }, keys.team, 'roles', 'this API key may not get publisher tokens.');
    });

    it('maxExpireSeconds: on the token, each privilege and the Signaling login', async () => {
      const room = { channel: 'team-1', uid: 1 };
      await forbid({ ...room, expireSeconds: 601 }, keys.team, 'maxExpireSeconds', 'expireSeconds may be at most 600 seconds for this API key.');
      await forbid({ ...room, privileges: { joinChannel: 601 } }, keys.team, 'maxExpireSeconds', 'privileges.joinChannel may be at most 600 seconds for this API key.');
      await forbid({ ...room, rtmExpireSeconds: 601 }, keys.team, 'maxExpireSeconds', 'rtmExpireSeconds may be at most 600 seconds for this API key.');
      // The key's cap is its default lifetime, for the token and the login alike.
      expect((await issue({ ...room }, keys.team)).token.rtm?.privileges).toEqual({ login: 600 });
    });
  });

  describe('end users (JWT)', () => {
    // The app reads a channels claim: a JWT without one may have no channel.
    const endUser = (sub: string) => jwks.sign({ sub, channels: ['*'] });

    it('signs for the identity as the RTC account and the Signaling user', async () => {
      const { body, token } = await issue({ channel: 'room', role: 'publisher' }, await endUser('alice'));

      expect([token.rtc?.uid, token.rtm?.userId]).toEqual(['alice', 'alice']);
      expect(body).toMatchObject({ account: 'alice', rtmUserId: 'alice' });
    });

    it('refuses any other user in any user field', async () => {
      const alice = await endUser('alice');
      const detail = (field: string) => `${field} must be the caller's own identity.`;
      await forbid({ channel: 'room', rtmUserId: 'bob' }, alice, 'identity', detail('rtmUserId'));
      await forbid({ channel: 'room', account: 'bob', rtmUserId: 'alice' }, alice, 'identity', detail('account'));
      await forbid({ channel: 'room', uid: 7 }, alice, 'identity', detail('uid'));
    });

    it('takes a numeric uid only when the identity is that number, and logs in as that number', async () => {
      const numeric = await endUser('4242');
      const { body, token } = await issue({ channel: 'room', uid: 4242 }, numeric);

      expect([token.rtc?.uid, token.rtm?.userId]).toEqual(['4242', '4242']);
      expect(body).toMatchObject({ uid: 4242, rtmUserId: '4242' });
      await forbid({ channel: 'room', uid: 0, rtmUserId: '4242' }, numeric, 'identity', "uid must be the caller's own identity.");
    });

    it('binds any identity to both users, and refuses any other Signaling user', async () => {
      await fc.assert(
        fc.asyncProperty(userIdArbitrary, userIdArbitrary, async (identity, other) => {
          const jwt = await endUser(identity);
          const { token } = await issue({ channel: 'room' }, jwt);
          expect([token.rtc?.uid, token.rtm?.userId]).toEqual([identity, identity]);
          if (other !== identity) expect((await post({ channel: 'room', rtmUserId: other }, jwt)).json().rule).toBe('identity');
        }),
        { numRuns: 25 },
      );
    });

    it('allows only the channels in the JWT claim', async () => {
      const jwt = await jwks.sign({ sub: 'alice', channels: ['team-*'] });
      expect((await post({ channel: 'team-2' }, jwt)).statusCode).toBe(200);
      await forbid({ channel: 'lobby' }, jwt, 'channels', 'the caller\'s token does not allow channel "lobby".');
    });
  });
});
