import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { decodeToken006 } from './support/decode-token-006.js';
import { get, postJson, validationProblem } from './support/http.js';
import { JwksServer } from './support/jwks-server.js';
import { createTestApp } from './support/test-app.js';
import { OTHER_CERTIFICATE, TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const seconds = (date: string) => new Date(date).getTime() / 1000;

describe('format 006 on /v1', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('RTC by uid: a 006 token whose privileges expire at issue time + lifetime (timestamps, not seconds)', async () => {
    const response = await postJson(app, '/v1/rtc/token', { channel: 'demo-room', uid: 42, role: 'publisher', expireSeconds: 600, format: '006' });
    const body = response.json();
    const token = decodeToken006(body.token);
    const at = seconds(body.issuedAt) + 600;

    expect(response.statusCode).toBe(200);
    expect(body).toMatchObject({ appId: TEST_APP_ID, channel: 'demo-room', uid: 42, role: 'publisher', expireSeconds: 600 });
    expect(seconds(body.expiresAt)).toBe(at);
    expect(token.appId).toBe(TEST_APP_ID);
    expect(token.privileges).toEqual({ joinChannel: at, publishAudio: at, publishVideo: at, publishData: at });
    expect(token.signs(TEST_APP_CERTIFICATE, 'demo-room', '42')).toBe(true);
    expect(token.signs(OTHER_CERTIFICATE, 'demo-room', '42')).toBe(false);
  });

  it('RTC by account with per-privilege lifetimes, each its own timestamp', async () => {
    const body = (
      await postJson(app, '/v1/rtc/token', { channel: 'c1', account: 'alice', privileges: { joinChannel: 3600, publishAudio: 60 }, format: '006' })
    ).json();
    const issued = seconds(body.issuedAt);
    const token = decodeToken006(body.token);

    expect(token.privileges).toEqual({ joinChannel: issued + 3600, publishAudio: issued + 60 });
    expect(token.signs(TEST_APP_CERTIFICATE, 'c1', 'alice')).toBe(true);
  });

  it('RTM: a v1 Signaling login for the user', async () => {
    const body = (await postJson(app, '/v1/rtm/token', { userId: 'alice', expireSeconds: 1200, format: '006' })).json();
    const token = decodeToken006(body.token);

    expect(token.privileges).toEqual({ rtmLogin: seconds(body.issuedAt) + 1200 });
    expect(token.signs(TEST_APP_CERTIFICATE, 'alice', '')).toBe(true);
    expect(body).toMatchObject({ userId: 'alice', expireSeconds: 1200 });
  });

  it('007 stays the default, and is what format "007" asks for', async () => {
    for (const format of [undefined, '007']) {
      const body = (await postJson(app, '/v1/rtc/token', { channel: 'c1', uid: 7, format })).json();
      expect(decodeToken(body.token).rtc).toMatchObject({ channel: 'c1', uid: '7' });
    }
  });

  it('refuses a stream channel in a 006 RTM token, which one v1 token cannot carry', async () => {
    const response = await postJson(app, '/v1/rtm/token', { userId: 'alice', channel: 'live', format: '006' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(
      validationProblem('/v1/rtm/token', [{ field: 'format', message: 'format 006 cannot carry channel; leave it out or use format 007' }]),
    );
  });

  it('refuses any other format (generated)', async () => {
    const notAFormat = fc.oneof(fc.string().filter((s) => s !== '006' && s !== '007'), fc.integer(), fc.boolean(), fc.constant(6));
    await fc.assert(
      fc.asyncProperty(notAFormat, fc.constantFrom('/v1/rtc/token', '/v1/rtm/token'), async (format, url) => {
        const response = await postJson(app, url, { channel: 'c1', userId: 'a', format });
        expect(response.statusCode).toBe(400);
        expect(JSON.stringify(response.json().errors)).toContain('format must be one of 007, 006');
      }),
      { numRuns: 40 },
    );
  });
});

describe('format 006 for end users (JWT)', () => {
  let jwks: JwksServer;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    jwks = await JwksServer.start();
    app = await createTestApp(jwks.env());
  });
  afterAll(async () => {
    await app.close();
    await jwks.stop();
  });

  it('binds the identity as in 007: their own account and user id, nobody else', async () => {
    const headers = { authorization: `Bearer ${await jwks.sign({ sub: 'alice' })}` };
    const rtc = (await postJson(app, '/v1/rtc/token', { channel: 'c1', format: '006' }, headers)).json();
    expect(decodeToken006(rtc.token).signs(TEST_APP_CERTIFICATE, 'c1', 'alice')).toBe(true);
    const rtm = (await postJson(app, '/v1/rtm/token', { format: '006' }, headers)).json();
    expect(decodeToken006(rtm.token).signs(TEST_APP_CERTIFICATE, 'alice', '')).toBe(true);

    const other = await postJson(app, '/v1/rtm/token', { userId: 'bob', format: '006' }, headers);
    expect([other.statusCode, other.json().rule]).toEqual([403, 'identity']);
  });
});

describe('format 006 under an API key', () => {
  it('meets the same policy as 007: channels and maxExpireSeconds', async () => {
    const key = newApiKey();
    const app = await createTestApp({
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([{ id: 'team', key, kinds: ['rtc'], channels: ['team-*'], maxExpireSeconds: 600 }]),
    });
    try {
      const post = (body: unknown) => postJson(app, '/v1/rtc/token', { ...(body as object), format: '006' }, { 'x-api-key': key });
      const ok = (await post({ channel: 'team-1', uid: 5 })).json();
      expect(decodeToken006(ok.token).privileges).toEqual({ joinChannel: seconds(ok.issuedAt) + 600 });
      expect((await post({ channel: 'other', uid: 5 })).json()).toMatchObject({ status: 403, rule: 'channels' });
      expect((await post({ channel: 'team-1', uid: 5, privileges: { joinChannel: 900 } })).json()).toMatchObject({ rule: 'maxExpireSeconds' });
    } finally {
      await app.close();
    }
  });
});

describe('LEGACY_TOKEN_FORMAT', () => {
  it('signs 006 on the routes of the servers that issued 006, and leaves agora-token-service on 007', async () => {
    const app = await createTestApp({ LEGACY_TOKEN_FORMAT: '006' });
    try {
      const nodeServer = (await get(app, '/access_token?channelName=demo-room&uid=42&role=publisher')).json();
      expect(decodeToken006(nodeServer.token).signs(TEST_APP_CERTIFICATE, 'demo-room', '42')).toBe(true);

      const tutorialRtm = (await postJson(app, '/rtmtoken', { user: 'alice' })).json();
      expect(Object.keys(decodeToken006(tutorialRtm.token).privileges)).toEqual(['rtmLogin']);
      expect(decodeToken006(tutorialRtm.token).signs(TEST_APP_CERTIFICATE, 'alice', '')).toBe(true);

      const tutorialRtc = (await postJson(app, '/rtctoken', { channel: 'c1', isPublisher: false })).json();
      expect(decodeToken006(tutorialRtc.token).signs(TEST_APP_CERTIFICATE, 'c1', String(tutorialRtc.uid))).toBe(true);

      const sample = (await postJson(app, '/fetch_rtm_token', { uid: 'bob' })).json();
      expect(sample.code).toBe('200');
      expect(decodeToken006(sample.token).signs(TEST_APP_CERTIFICATE, 'bob', '')).toBe(true);

      const goServer = (await postJson(app, '/getToken', { tokenType: 'rtc', channel: 'c1', uid: '7', role: 'publisher' })).json();
      expect(decodeToken(goServer.token).rtc).toMatchObject({ channel: 'c1', uid: '7' });
      // /v1 keeps its own default.
      expect(decodeToken((await postJson(app, '/v1/rtm/token', { userId: 'alice' })).json().token).rtm?.userId).toBe('alice');
    } finally {
      await app.close();
    }
  });

  it('defaults to 007 on those routes', async () => {
    const app = await createTestApp();
    try {
      expect(decodeToken((await postJson(app, '/fetch_rtm_token', { uid: 'bob' })).json().token).rtm?.userId).toBe('bob');
    } finally {
      await app.close();
    }
  });

  it('stops start-up on any other value, naming the variable', async () => {
    await expect(createTestApp({ LEGACY_TOKEN_FORMAT: '6' })).rejects.toThrow('LEGACY_TOKEN_FORMAT must be 007 or 006');
  });
});
