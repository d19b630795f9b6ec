import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EducationTokenBuilder } from 'agora-token';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { newApiKey, writeApiKeysFile, type TestKey } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { postJson, validationProblem } from './support/http.js';
import { JwksServer } from './support/jwks-server.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';
import { tokenContent } from './support/token-services.js';

const ROOM_USER = '/v1/classroom/token';
const USER = '/v1/classroom/user-token';
const APP = '/v1/classroom/app-token';
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CHANNEL = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{|}~,]{1,63}$/;

describe('POST /v1/classroom/*', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp({ TOKEN_DEFAULT_EXPIRE_SECONDS: '1800' });
  });
  afterAll(() => app.close());

  it('issues a room user token: buildRoomUserToken’s room, user and role, Signaling login and Chat login for md5(userUuid)', async () => {
    const response = await postJson(app, ROOM_USER, { roomUuid: 'math-101', userUuid: 'alice', role: 'assistant', expireSeconds: 900 });
    const body = response.json();
    const token = decodeToken(body.token);

    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(tokenContent(body.token)).toEqual(
      tokenContent(EducationTokenBuilder.buildRoomUserToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'math-101', 'alice', 3, 900)),
    );
    expect(token.rtm).toEqual({ userId: 'alice', privileges: { login: 900 } });
    expect(token.chat).toEqual({ userId: md5('alice'), privileges: { user: 900 } });
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(body).toEqual({
      token: body.token,
      appId: TEST_APP_ID,
      project: 'default',
      roomUuid: 'math-101',
      userUuid: 'alice',
      role: 'assistant',
      chatUserId: md5('alice'),
      issuedAt: new Date(token.issueTs * 1000).toISOString(),
      expiresAt: new Date((token.issueTs + 900) * 1000).toISOString(),
      expireSeconds: 900,
    });
  });

  it('issues a user token (buildUserToken) and, with no body, an app token (buildAppToken) with the default lifetime', async () => {
    const user = (await postJson(app, USER, { userUuid: 'bob' })).json();
    const appToken = await app.inject({ method: 'POST', url: APP });

    expect(tokenContent(user.token)).toEqual(tokenContent(EducationTokenBuilder.buildUserToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'bob', 1800)));
    expect(user).toMatchObject({ userUuid: 'bob', expireSeconds: 1800 });
    expect(appToken.statusCode).toBe(200);
    expect(tokenContent(appToken.json().token)).toEqual(tokenContent(EducationTokenBuilder.buildAppToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 1800)));
    expect(Object.keys(appToken.json()).sort()).toEqual(['appId', 'expireSeconds', 'expiresAt', 'issuedAt', 'project', 'token']);
  });

  it('gives a caller who names no user a fresh userUuid, which the token and the answer carry', async () => {
    const room = (await postJson(app, ROOM_USER, { roomUuid: 'math-101', role: 'student' })).json();
    const user = (await app.inject({ method: 'POST', url: USER })).json();

    expect([room.userUuid, user.userUuid]).toEqual([expect.stringMatching(UUID), expect.stringMatching(UUID)]);
    expect(room.userUuid).not.toBe(user.userUuid);
    expect(tokenContent(room.token)).toEqual(
      tokenContent(EducationTokenBuilder.buildRoomUserToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'math-101', room.userUuid, 2, 1800)),
    );
    expect(room).toMatchObject({ chatUserId: md5(room.userUuid), role: 'student' });
    expect(tokenContent(user.token)).toEqual(tokenContent(EducationTokenBuilder.buildUserToken(TEST_APP_ID, TEST_APP_CERTIFICATE, user.userUuid, 1800)));
  });

  it('refuses missing, malformed and unknown fields, naming each', async () => {
    expect((await postJson(app, ROOM_USER, {})).json()).toEqual(
      validationProblem(ROOM_USER, [
        { field: 'roomUuid', message: 'roomUuid is required' },
        { field: 'role', message: 'role is required' },
      ]),
    );
    expect((await postJson(app, ROOM_USER, { roomUuid: 'a/b', userUuid: 'x'.repeat(65), role: 1 })).json()).toEqual(
      validationProblem(ROOM_USER, [
        { field: 'roomUuid', message: 'roomUuid may use only a-z A-Z 0-9 space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,' },
        { field: 'role', message: 'role must be one of: teacher, student, assistant' },
        { field: 'userUuid', message: 'userUuid must be 1 to 64 bytes' },
      ]),
    );
    expect((await postJson(app, APP, { userUuid: 'alice' })).json()).toEqual(
      validationProblem(APP, [{ field: 'userUuid', message: 'property userUuid should not exist' }]),
    );
  });

  it('takes a room uuid exactly when it follows the channel rules (Agora uses it as the channel name)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(CHANNEL)), async (roomUuid) => {
        const response = await postJson(app, ROOM_USER, { roomUuid, userUuid: 'u', role: 'student' });
        const ok = CHANNEL.test(roomUuid);
        expect({ roomUuid, status: response.statusCode }).toEqual({ roomUuid, status: ok ? 200 : 400 });
        if (ok) expect(decodeToken(response.json().token).rtm?.userId).toBe('u');
      }),
      { numRuns: 60 },
    );
  });

  it('takes only the three role names', async () => {
    const names = ['teacher', 'student', 'assistant'];
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...names), fc.string(), fc.integer({ min: 0, max: 4 }), fc.constant(null)), async (role) => {
        const status = (await postJson(app, ROOM_USER, { roomUuid: 'r', userUuid: 'u', role })).statusCode;
        expect({ role, status }).toEqual({ role, status: names.includes(role as string) ? 200 : 400 });
      }),
      { numRuns: 40 },
    );
  });
});

describe('POST /v1/classroom/* under policies', () => {
  const keys = {
    classroom: { id: 'classroom', key: newApiKey(), kinds: ['classroom'] },
    everything: { id: 'everything', key: newApiKey(), kinds: ['classroom', 'classroom-app'] },
    rtcOnly: { id: 'rtc-only', key: newApiKey(), kinds: ['rtc'] },
    mathRooms: { id: 'math-rooms', key: newApiKey(), channels: ['math-*'], roles: ['subscriber'] },
    shortLived: { id: 'short-lived', key: newApiKey(), maxExpireSeconds: 600 },
  } satisfies Record<string, TestKey>;
  const room = { roomUuid: 'math-101', userUuid: 'alice', role: 'teacher' };
  let app: NestFastifyApplication;
  let jwks: JwksServer;
  let jwtApp: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp({ AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile(Object.values(keys)) });
    jwks = await JwksServer.start();
    jwtApp = await createTestApp({ ...jwks.env(), JWT_CHANNELS_CLAIM: 'channels' });
  });
  afterAll(async () => {
    await app.close();
    await jwtApp.close();
    await jwks.stop();
  });

  const withKey = async (url: string, body: object, key: TestKey) => {
    const response = await postJson(app, url, body, { 'x-api-key': key.key });
    return { status: response.statusCode, rule: response.json().rule as string | undefined, body: response.json() };
  };
  const asUser = async (url: string, body: object, claims: Record<string, unknown>) => {
    const response = await postJson(jwtApp, url, body, { authorization: `Bearer ${await jwks.sign(claims)}` });
    return { status: response.statusCode, rule: response.json().rule as string | undefined, body: response.json() };
  };

  it('kinds: classroom covers the room user and user tokens, classroom-app the app token', async () => {
    expect(await Promise.all([withKey(ROOM_USER, room, keys.classroom), withKey(USER, { userUuid: 'a' }, keys.classroom)]).then((all) => all.map((r) => r.status))).toEqual([200, 200]);
    expect((await withKey(APP, {}, keys.classroom)).body.detail).toBe('Refused by rule kinds: this API key may not get classroom-app tokens.');
    expect((await withKey(APP, {}, keys.everything)).status).toBe(200);
    for (const [url, body] of [[ROOM_USER, room], [USER, { userUuid: 'a' }], [APP, {}]] as const) {
      expect(await withKey(url, body, keys.rtcOnly)).toMatchObject({ status: 403, rule: 'kinds' });
    }
  });

  it('channels: judge the room uuid (the classroom’s channel name); roles (RTC roles) do not apply', async () => {
    expect((await withKey(ROOM_USER, room, keys.mathRooms)).status).toBe(200);
    expect((await withKey(ROOM_USER, { ...room, roomUuid: 'art-1' }, keys.mathRooms)).body).toMatchObject({
      status: 403,
      rule: 'channels',
      detail: 'Refused by rule channels: this API key may not get tokens for channel "art-1".',
    });
    // The user and app tokens name no room.
    expect((await withKey(USER, { userUuid: 'a' }, keys.mathRooms)).status).toBe(200);
  });

  it('maxExpireSeconds: judges every classroom lifetime; a capped key gets its cap by default', async () => {
    for (const [url, body] of [[ROOM_USER, room], [USER, { userUuid: 'a' }], [APP, {}]] as const) {
      expect(await withKey(url, { ...body, expireSeconds: 601 }, keys.shortLived)).toMatchObject({ status: 403, rule: 'maxExpireSeconds' });
    }
    const capped = await withKey(ROOM_USER, room, keys.shortLived);
    expect(decodeToken(capped.body.token)).toMatchObject({ expire: 600, rtm: { privileges: { login: 600 } }, chat: { privileges: { user: 600 } } });
  });

  it('binds end users (JWT) to their identity in userUuid: filled in when absent, refused when another', async () => {
    // With JWT_CHANNELS_CLAIM set, a user's claim must allow the room.
    const carol = { sub: 'carol', channels: ['*'] };
    const own = await asUser(ROOM_USER, { roomUuid: 'math-101', role: 'student' }, carol);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ userUuid: 'carol', chatUserId: md5('carol') });
    expect(tokenContent(own.body.token)).toEqual(
      tokenContent(EducationTokenBuilder.buildRoomUserToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'math-101', 'carol', 2, 3600)),
    );
    expect((await asUser(USER, {}, carol)).body.userUuid).toBe('carol');

    for (const [url, body] of [[ROOM_USER, room], [USER, {}]] as const) {
      expect(await asUser(url, { ...body, userUuid: 'mallory' }, carol).then((r) => r.body.detail)).toBe(
        'Refused by rule identity: userUuid must be the caller\'s own identity.',
      );
    }
  });

  it('never gives end users the app token', async () => {
    expect((await asUser(APP, {}, { sub: 'carol' })).body).toMatchObject({
      status: 403,
      rule: 'classroom-app',
      detail: 'Refused by rule classroom-app: end users may not get a Flexible Classroom app token (it grants app-wide privileges).',
    });
  });

  it('judges the room uuid against an end user’s channel claim', async () => {
    const claims = { sub: 'carol', channels: ['math-*'] };
    expect((await asUser(ROOM_USER, { roomUuid: 'math-7', role: 'student' }, claims)).status).toBe(200);
    expect(await asUser(ROOM_USER, { roomUuid: 'art-7', role: 'student' }, claims)).toMatchObject({ status: 403, rule: 'channels' });
  });
});
