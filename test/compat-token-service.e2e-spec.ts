import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeIssued, fieldErrors, nowSeconds, publisher, subscriber } from './support/legacy-tokens.js';
import { get, postJson } from './support/http.js';
import { createTestApp } from './support/test-app.js';

/**
 * The routes of AgoraIO-Community/agora-token-service (Go/Gin), answered in
 * its shapes by the /v1 token services.
 */
describe('agora-token-service compatibility routes', () => {
  let app: NestFastifyApplication;
  let before: number;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());
  beforeEach(() => {
    before = nowSeconds();
  });

  describe.each(['/getToken', '/token/getNew'])('POST %s', (route) => {
    it('issues a publisher uid token for a canonical decimal uid, valid for `expire` seconds from now', async () => {
      const response = await postJson(app, route, { tokenType: 'rtc', channel: 'room 1', role: 'publisher', uid: '42', expire: 600 });

      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(Object.keys(response.json())).toEqual(['token']);
      const token = decodeIssued(response.json().token, before);
      expect(token.expire).toBe(600);
      expect(token.rtc).toEqual({ channel: 'room 1', uid: '42', privileges: publisher(600) });
      expect(token.serviceCount).toBe(1);
    });

    it('defaults to a subscriber for 3600 s when role and expire are missing, and when expire is 0', async () => {
      for (const body of [
        { tokenType: 'rtc', channel: 'room', uid: '7' },
        { tokenType: 'rtc', channel: 'room', uid: '7', role: 'audience', expire: 0 },
      ]) {
        const token = decodeIssued((await postJson(app, route, body)).json().token, before);
        expect(token.expire).toBe(3600);
        expect(token.rtc).toEqual({ channel: 'room', uid: '7', privileges: subscriber(3600) });
      }
    });

    it('reads "0" as uid 0 (any user) and the largest uint32 as itself', async () => {
      const any = decodeIssued((await postJson(app, route, { tokenType: 'rtc', channel: 'room', uid: '0' })).json().token, before);
      const max = decodeIssued(
        (await postJson(app, route, { tokenType: 'rtc', channel: 'room', uid: '4294967295' })).json().token,
        before,
      );

      expect(any.rtc?.uid).toBe('');
      expect(max.rtc?.uid).toBe('4294967295');
    });

    it('reads a uid of digits as the number it spells, as the Go server\'s ParseUint did, and anything else as an account', async () => {
      for (const [uid, signed] of [['042', '42'], ['00', ''], ['alice', 'alice'], ['-1', '-1'], ['+7', '+7'], ['4.2', '4.2']]) {
        const response = await postJson(app, route, { tokenType: 'rtc', channel: 'room', uid });
        expect([uid, decodeIssued(response.json().token, before).rtc?.uid]).toEqual([uid, signed]);
      }
    });

    it('refuses a uid above 2^32-1 instead of truncating it', async () => {
      const response = await postJson(app, route, { tokenType: 'rtc', channel: 'room', uid: '4294967296' });

      expect(fieldErrors(response)).toEqual([{ field: 'uid', message: 'uid must not be greater than 4294967295' }]);
    });

    it('refuses an rtc request without channel or uid, naming the field', async () => {
      expect(fieldErrors(await postJson(app, route, { tokenType: 'rtc', uid: '1' }))).toEqual([
        { field: 'channel', message: 'channel is required' },
      ]);
      expect(fieldErrors(await postJson(app, route, { tokenType: 'rtc', channel: 'room', uid: '' }))).toEqual([
        { field: 'uid', message: 'uid is required' },
      ]);
    });

    it('applies the /v1 channel rules, naming the body field', async () => {
      const tooLong = await postJson(app, route, { tokenType: 'rtc', channel: 'c'.repeat(64), uid: '1' });
      const badCharacter = await postJson(app, route, { tokenType: 'rtc', channel: 'room/1', uid: '1' });

      expect(fieldErrors(tooLong)).toEqual([{ field: 'channel', message: expect.stringMatching(/^channel .*63/) }]);
      expect(fieldErrors(badCharacter)).toEqual([{ field: 'channel', message: expect.stringMatching(/^channel may use only/) }]);
    });

    it('refuses a lifetime over 24 h with a 400 rather than wrapping it', async () => {
      const response = await postJson(app, route, { tokenType: 'rtc', channel: 'room', uid: '1', expire: 86_401 });

      expect(fieldErrors(response)).toEqual([{ field: 'expire', message: 'expire must not be greater than 86400' }]);
    });

    it('refuses fields of the wrong type, as the original (a Go struct of strings) did', async () => {
      const numericUid = await postJson(app, route, { tokenType: 'rtc', channel: 'room', uid: 42 });
      const textExpire = await postJson(app, route, { tokenType: 'rtc', channel: 'room', uid: '1', expire: '60' });
      const negative = await postJson(app, route, { tokenType: 'rtc', channel: 'room', uid: '1', expire: -5 });

      expect(fieldErrors(numericUid).map((error) => error.field)).toEqual(['uid']);
      expect(fieldErrors(textExpire).map((error) => error.field)).toContain('expire');
      expect(fieldErrors(negative).map((error) => error.field)).toEqual(['expire']);
    });

    it('refuses an unknown or missing tokenType', async () => {
      expect(fieldErrors(await postJson(app, route, { tokenType: 'video', uid: '1' })).map((e) => e.field)).toEqual(['tokenType']);
      expect(fieldErrors(await postJson(app, route, { uid: '1' })).map((e) => e.field)).toEqual(['tokenType']);
    });

    it('issues an RTM login token for uid, with no RTC side without a channel', async () => {
      const response = await postJson(app, route, { tokenType: 'rtm', uid: 'alice', expire: 900 });
      const token = decodeIssued(response.json().token, before);

      expect(response.statusCode).toBe(200);
      expect(token.expire).toBe(900);
      expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: 900 } });
      expect(token.rtc).toBeUndefined();
    });

    it('issues the /v1 stream-channel RTM token with a channel, wildcard included', async () => {
      for (const channel of ['room', '*']) {
        const token = decodeIssued((await postJson(app, route, { tokenType: 'rtm', uid: 'alice', channel })).json().token, before);
        expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: 3600 } });
        expect(token.rtc).toEqual({ channel, uid: 'alice', privileges: { joinChannel: 3600, publishData: 3600 } });
      }
    });

    it('treats an empty RTM channel as none, as the original did', async () => {
      const token = decodeIssued((await postJson(app, route, { tokenType: 'rtm', uid: 'alice', channel: '' })).json().token, before);

      expect(token.rtc).toBeUndefined();
    });

    it('refuses an rtm request without uid', async () => {
      expect(fieldErrors(await postJson(app, route, { tokenType: 'rtm', channel: 'room' }))).toEqual([
        { field: 'uid', message: 'uid is required' },
      ]);
    });

    it('issues a Chat user token with uid and a Chat app token without one or with an empty one (docs/migration.md)', async () => {
      const user = decodeIssued((await postJson(app, route, { tokenType: 'chat', uid: 'bob', expire: 120 })).json().token, before);
      const appToken = decodeIssued((await postJson(app, route, { tokenType: 'chat' })).json().token, before);
      const emptyUid = decodeIssued((await postJson(app, route, { tokenType: 'chat', uid: '' })).json().token, before);

      expect(user.chat).toEqual({ userId: 'bob', privileges: { user: 120 } });
      expect(user.expire).toBe(120);
      expect(appToken.chat).toEqual({ userId: '', privileges: { app: 3600 } });
      expect(emptyUid.chat).toEqual({ userId: '', privileges: { app: 3600 } });
    });
  });

  describe('GET /rtc/:channelName/:role/:tokenType/:uid', () => {
    it('issues a uid token, with or without the trailing slash', async () => {
      for (const url of ['/rtc/room/publisher/uid/42', '/rtc/room/publisher/uid/42/']) {
        const response = await get(app, url);
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(Object.keys(response.json())).toEqual(['rtcToken']);
        const token = decodeIssued(response.json().rtcToken, before);
        expect(token.expire).toBe(3600);
        expect(token.rtc).toEqual({ channel: 'room', uid: '42', privileges: publisher(3600) });
      }
    });

    it('issues an account token for userAccount, and reads any role but publisher as subscriber', async () => {
      for (const role of ['subscriber', 'audience', 'host']) {
        const response = await get(app, `/rtc/room/${role}/userAccount/alice%40example.com/?expiry=600`);
        const token = decodeIssued(response.json().rtcToken, before);
        expect(token.expire).toBe(600);
        expect(token.rtc).toEqual({ channel: 'room', uid: 'alice@example.com', privileges: subscriber(600) });
      }
    });

    it('takes uid 0 as any user, a percent-encoded channel, and a 255-byte account', async () => {
      const any = decodeIssued((await get(app, '/rtc/my%20room/publisher/uid/0')).json().rtcToken, before);
      const account = 'a'.repeat(255);
      const long = decodeIssued((await get(app, `/rtc/room/publisher/userAccount/${account}`)).json().rtcToken, before);

      expect(any.rtc).toMatchObject({ channel: 'my room', uid: '' });
      expect(long.rtc?.uid).toBe(account);
    });

    it('refuses a uid that is not a uint32 when tokenType is uid', async () => {
      expect(fieldErrors(await get(app, '/rtc/room/publisher/uid/4294967296'))).toEqual([
        { field: 'uid', message: 'uid must not be greater than 4294967295' },
      ]);
      expect(fieldErrors(await get(app, '/rtc/room/publisher/uid/alice')).map((e) => e.field)).toEqual(['uid']);
    });

    it('refuses an unknown tokenType', async () => {
      expect(fieldErrors(await get(app, '/rtc/room/publisher/account/1'))).toEqual([
        { field: 'tokenType', message: 'tokenType must be one of uid, userAccount' },
      ]);
    });

    it('refuses an over-long or malformed channel with a 400 naming channelName', async () => {
      const tooLong = await get(app, `/rtc/${'c'.repeat(64)}/publisher/uid/1`);
      const far = await get(app, `/rtc/${'c'.repeat(300)}/publisher/uid/1`);
      const slash = await get(app, '/rtc/a%2Fb/publisher/uid/1');

      for (const response of [tooLong, far]) {
        expect(fieldErrors(response)).toEqual([{ field: 'channelName', message: expect.stringMatching(/^channelName .*63/) }]);
      }
      expect(fieldErrors(slash)).toEqual([{ field: 'channelName', message: expect.stringMatching(/^channelName may use only/) }]);
    });

    it('refuses an expiry that is over 24 h or not whole seconds', async () => {
      expect(fieldErrors(await get(app, '/rtc/room/publisher/uid/1?expiry=86401'))).toEqual([
        { field: 'expiry', message: 'expiry must not be greater than 86400' },
      ]);
      for (const expiry of ['abc', '-1', '1.5', '1e3']) {
        expect(fieldErrors(await get(app, `/rtc/room/publisher/uid/1?expiry=${expiry}`))).toEqual([
          { field: 'expiry', message: 'expiry must be a whole number of seconds' },
        ]);
      }
      expect(fieldErrors(await get(app, '/rtc/room/publisher/uid/1?expiry=60&expiry=90'))).toEqual([
        { field: 'expiry', message: 'expiry must be given once' },
      ]);
    });
  });

  describe('GET /rtm/:uid', () => {
    it('issues an RTM login token, with or without the trailing slash', async () => {
      for (const url of ['/rtm/alice', '/rtm/alice/?expiry=300']) {
        const response = await get(app, url);
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(Object.keys(response.json())).toEqual(['rtmToken']);
        const token = decodeIssued(response.json().rtmToken, before);
        const seconds = url.includes('expiry') ? 300 : 3600;
        expect(token.expire).toBe(seconds);
        expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: seconds } });
        expect(token.serviceCount).toBe(1);
      }
    });

    it('refuses uid 0 in any spelling and an empty uid', async () => {
      for (const url of ['/rtm/0/', '/rtm/00', '/rtm/000/']) {
        expect(fieldErrors(await get(app, url))).toEqual([{ field: 'uid', message: 'uid must be a user id other than 0' }]);
      }
      for (const url of ['/rtm', '/rtm/', '/rtm//']) {
        expect(fieldErrors(await get(app, url))).toEqual([{ field: 'uid', message: 'uid is required' }]);
      }
    });

    it('refuses a user id longer than the /v1 limit, naming uid', async () => {
      expect(fieldErrors(await get(app, `/rtm/${'u'.repeat(65)}`))).toEqual([
        { field: 'uid', message: 'uid must be 1 to 64 bytes' },
      ]);
    });
  });

  describe('GET /rte/:channelName/:role/:tokenType/:rtcuid[/:rtmuid]', () => {
    it('issues an RTC token and an RTM token for the RTC uid, which also covers the channel', async () => {
      const response = await get(app, '/rte/room/publisher/uid/42/?expiry=900');

      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(Object.keys(response.json()).sort()).toEqual(['rtcToken', 'rtmToken']);
      const rtc = decodeIssued(response.json().rtcToken, before);
      const rtm = decodeIssued(response.json().rtmToken, before);
      expect(rtc.rtc).toEqual({ channel: 'room', uid: '42', privileges: publisher(900) });
      expect(rtc.rtm).toBeUndefined();
      expect(rtm.expire).toBe(900);
      expect(rtm.rtm).toEqual({ userId: '42', privileges: { login: 900 } });
      expect(rtm.rtc).toEqual({ channel: 'room', uid: '42', privileges: { joinChannel: 900, publishData: 900 } });
    });

    it('issues the RTM token for rtmuid when given, so RTC uid 0 works with it', async () => {
      const response = await get(app, '/rte/room/audience/uid/0/bob');
      const rtc = decodeIssued(response.json().rtcToken, before);
      const rtm = decodeIssued(response.json().rtmToken, before);

      expect(rtc.rtc).toEqual({ channel: 'room', uid: '', privileges: subscriber(3600) });
      expect(rtm.rtm?.userId).toBe('bob');
    });

    it('issues an account RTC token for userAccount', async () => {
      const response = await get(app, '/rte/room/publisher/userAccount/carol/');

      expect(decodeIssued(response.json().rtcToken, before).rtc?.uid).toBe('carol');
      expect(decodeIssued(response.json().rtmToken, before).rtm?.userId).toBe('carol');
    });

    it('refuses RTC uid 0 in any spelling without an RTM user', async () => {
      for (const url of ['/rte/room/publisher/uid/0/', '/rte/room/publisher/uid/00/', '/rte/room/publisher/uid//']) {
        expect(fieldErrors(await get(app, url))).toEqual([
          { field: 'rtmuid', message: 'rtmuid is required when rtcuid is 0, which names no Signaling user' },
        ]);
      }
    });

    it('signs an RTM token for the RTM user 0, as the Go server did (its "0" rule was for the RTC uid)', async () => {
      const response = await get(app, '/rte/room/publisher/uid/42/0');

      expect(decodeIssued(response.json().rtcToken, before).rtc?.uid).toBe('42');
      expect(decodeIssued(response.json().rtmToken, before).rtm).toEqual({ userId: '0', privileges: { login: 3600 } });
    });

    it('refuses what the RTC route refuses, naming the rte fields', async () => {
      expect(fieldErrors(await get(app, '/rte/room/publisher/uid/4294967296/bob'))).toEqual([
        { field: 'rtcuid', message: 'rtcuid must not be greater than 4294967295' },
      ]);
      expect(fieldErrors(await get(app, `/rte/${'c'.repeat(64)}/publisher/uid/1`)).map((e) => e.field)).toEqual(['channelName']);
      expect(fieldErrors(await get(app, '/rte/room/publisher/uid/1?expiry=90000')).map((e) => e.field)).toEqual(['expiry']);
    });
  });

  describe('GET /chat/app and /chat/account/:chatid', () => {
    it('issues a Chat app token, with or without the trailing slash', async () => {
      for (const url of ['/chat/app', '/chat/app/?expiry=60']) {
        const response = await get(app, url);
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(Object.keys(response.json())).toEqual(['chatToken']);
        const seconds = url.includes('expiry') ? 60 : 3600;
        const token = decodeIssued(response.json().chatToken, before);
        expect(token.expire).toBe(seconds);
        expect(token.chat).toEqual({ userId: '', privileges: { app: seconds } });
      }
    });

    it('issues a Chat user token for chatid', async () => {
      for (const url of ['/chat/account/bob', '/chat/account/bob/']) {
        const token = decodeIssued((await get(app, url)).json().chatToken, before);
        expect(token.chat).toEqual({ userId: 'bob', privileges: { user: 3600 } });
      }
    });

    it('refuses an expiry over 24 h', async () => {
      expect(fieldErrors(await get(app, '/chat/app?expiry=86401')).map((e) => e.field)).toEqual(['expiry']);
      expect(fieldErrors(await get(app, '/chat/account/bob?expiry=86401')).map((e) => e.field)).toEqual(['expiry']);
    });
  });

  it('answers GET /ping with {"message":"pong"}', async () => {
    const response = await get(app, '/ping/');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ message: 'pong' });
  });
});

describe('agora-token-service compatibility routes under configured lifetimes', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ TOKEN_DEFAULT_EXPIRE_SECONDS: '300', TOKEN_MAX_EXPIRE_SECONDS: '600' });
  });
  afterAll(() => app.close());

  it('uses TOKEN_DEFAULT_EXPIRE_SECONDS when no lifetime is sent', async () => {
    const before = nowSeconds();
    const post300 = decodeIssued((await postJson(app, '/getToken', { tokenType: 'chat' })).json().token, before);
    const get300 = decodeIssued((await get(app, '/rtm/alice')).json().rtmToken, before);

    expect(post300.expire).toBe(300);
    expect(get300.expire).toBe(300);
  });

  it('refuses a lifetime over TOKEN_MAX_EXPIRE_SECONDS, naming the legacy field', async () => {
    expect(fieldErrors(await postJson(app, '/getToken', { tokenType: 'rtm', uid: 'a', expire: 601 }))).toEqual([
      { field: 'expire', message: 'expire must not be greater than 600 (the configured maximum)' },
    ]);
    expect(fieldErrors(await get(app, '/rtc/room/publisher/uid/1?expiry=601'))).toEqual([
      { field: 'expiry', message: 'expiry must not be greater than 600 (the configured maximum)' },
    ]);
  });
});
