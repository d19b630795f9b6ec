import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile, type TestKey } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { plainProblem } from './support/http.js';
import { createTestApp } from './support/test-app.js';

const keys = {
  backend: { id: 'backend', key: newApiKey() },
  rtcTeam: {
    id: 'rtc-team',
    key: newApiKey(),
    kinds: ['rtc'],
    channels: ['team-*', 'lobby'],
    roles: ['subscriber'],
    maxExpireSeconds: 600,
  },
  rtmTeam: { id: 'rtm-team', key: newApiKey(), kinds: ['rtm'], channels: ['team-*'] },
  chatUsers: { id: 'chat-users', key: newApiKey(), kinds: ['chat'] },
  chatAdmin: { id: 'chat-admin', key: newApiKey(), kinds: ['chat-app'] },
} satisfies Record<string, TestKey>;

describe('API keys (e2e, AUTH_MODE=apikey)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile(Object.values(keys)) });
  });
  afterAll(() => app.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload, headers });
  const withKey = (key: TestKey) => ({ 'x-api-key': key.key });

  describe('authentication', () => {
    it('answers 401 with a challenge when no credentials are sent', async () => {
      const res = await post('/v1/rtc/token', { channel: 'room' });

      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['www-authenticate']).toBe(
        'ApiKey realm="agora-token-service", header="X-API-Key", Bearer realm="agora-token-service"',
      );
      expect(res.json()).toEqual(
        plainProblem('/v1/rtc/token', 401, 'This route needs credentials: an API key in X-API-Key, or a token in Authorization: Bearer.'),
      );
    });

    it('answers every refused key alike, so nothing tells whether a key exists', async () => {
      const almost = keys.backend.key.slice(0, -1) + (keys.backend.key.endsWith('0') ? '1' : '0');
      const attempts: Record<string, string>[] = [
        { 'x-api-key': newApiKey() },
        { 'x-api-key': almost },
        { 'x-api-key': '' },
        { 'x-api-key': 'short' },
        { authorization: `Bearer ${almost}` },
        { authorization: `Basic ${Buffer.from(`user:${keys.backend.key}`).toString('base64')}` },
        { authorization: keys.backend.key },
        { authorization: 'Bearer' },
      ];
      for (const headers of attempts) {
        const res = await post('/v1/rtc/token', { channel: 'room' }, headers);
        expect({ headers, status: res.statusCode }).toEqual({ headers, status: 401 });
        expect(res.headers['www-authenticate']).toBe(
          'ApiKey realm="agora-token-service", header="X-API-Key", Bearer realm="agora-token-service", error="invalid_token"',
        );
        expect(res.json()).toEqual(plainProblem('/v1/rtc/token', 401, 'The credentials were not accepted.'));
      }
    });

    it('accepts a key in X-API-Key or as a bearer token (any case of "Bearer")', async () => {
      for (const headers of [
        withKey(keys.backend),
        { authorization: `Bearer ${keys.backend.key}` },
        { authorization: `bearer ${keys.backend.key}` },
      ]) {
        const res = await post('/v1/rtc/token', { channel: 'room', uid: 7 }, headers);
        expect(res.statusCode).toBe(200);
        expect(decodeToken(res.json().token).rtc).toMatchObject({ channel: 'room', uid: '7' });
      }
    });

    it('uses X-API-Key when Authorization is sent as well', async () => {
      const res = await post('/v1/rtm/token', { userId: 'alice' }, {
        ...withKey(keys.rtcTeam),
        authorization: `Bearer ${keys.backend.key}`,
      });

      expect(res.statusCode).toBe(403);
      expect(res.json().rule).toBe('kinds');
    });

    it('leaves /ping, /health, /docs and /docs-json open', async () => {
      for (const url of ['/ping', '/health', '/docs', '/docs-json']) {
        expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
      }
    });
  });

  describe('an unrestricted key', () => {
    it('gets every kind of token, the Chat app token included', async () => {
      const rtc = await post('/v1/rtc/token', { channel: 'anything', uid: 1, role: 'publisher', expireSeconds: 86_400 }, withKey(keys.backend));
      const rtm = await post('/v1/rtm/token', { userId: 'bob', channel: '*' }, withKey(keys.backend));
      const chatApp = await post('/v1/chat/token', {}, withKey(keys.backend));

      expect([rtc.statusCode, rtm.statusCode, chatApp.statusCode]).toEqual([200, 200, 200]);
      expect(decodeToken(chatApp.json().token).chat?.privileges).toEqual({ app: 3600 });
    });

    it('gets an RTM login for a fresh user id when it names none, and the answer says which', async () => {
      const res = await post('/v1/rtm/token', {}, withKey(keys.backend));

      expect(res.statusCode).toBe(200);
      expect(decodeToken(res.json().token).rtm?.userId).toBe(res.json().userId);
      expect(res.json().userId).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('policies', () => {
    const refusal = async (url: string, payload: object, key: TestKey) => {
      const res = await post(url, payload, withKey(key));
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(body.type).toBe('urn:agora-token-service:problem:forbidden');
      expect(body.detail).toContain(`Refused by rule ${body.rule}`);
      expect(JSON.stringify(body)).not.toContain(key.key);
      return body as { rule: string; detail: string };
    };

    it('kinds: refuses token kinds the key does not list', async () => {
      expect((await refusal('/v1/rtm/token', { userId: 'alice' }, keys.rtcTeam)).rule).toBe('kinds');
      expect((await refusal('/v1/chat/token', { userId: 'alice' }, keys.rtcTeam)).rule).toBe('kinds');
      expect((await refusal('/v1/rtc/token', { channel: 'team-1' }, keys.rtmTeam)).detail).toBe(
        'Refused by rule kinds: this API key may not get rtc tokens.',
      );
    });

    it('kinds: tells a Chat user token from a Chat app token', async () => {
      expect((await post('/v1/chat/token', { userId: 'alice' }, withKey(keys.chatUsers))).statusCode).toBe(200);
      expect((await refusal('/v1/chat/token', {}, keys.chatUsers)).detail).toBe(
        'Refused by rule kinds: this API key may not get chat-app tokens.',
      );
      expect((await post('/v1/chat/token', {}, withKey(keys.chatAdmin))).json().kind).toBe('app');
      expect((await refusal('/v1/chat/token', { userId: 'alice' }, keys.chatAdmin)).rule).toBe('kinds');
    });

    it('channels: the RTC channel must match one of the globs', async () => {
      for (const channel of ['team-1', 'team-', 'team-blue', 'lobby']) {
        const res = await post('/v1/rtc/token', { channel }, withKey(keys.rtcTeam));
        expect({ channel, status: res.statusCode }).toEqual({ channel, status: 200 });
        expect(decodeToken(res.json().token).rtc?.channel).toBe(channel);
      }
      for (const channel of ['team', 'my-team-1', 'lobby2', 'Team-1']) {
        const body = await refusal('/v1/rtc/token', { channel }, keys.rtcTeam);
        expect(body).toMatchObject({ rule: 'channels', detail: `Refused by rule channels: this API key may not get tokens for channel "${channel}".` });
      }
    });

    it('channels: the RTM stream channel must match too, and "*" (any channel) needs a glob that allows it', async () => {
      expect((await post('/v1/rtm/token', { userId: 'alice' }, withKey(keys.rtmTeam))).statusCode).toBe(200);
      const res = await post('/v1/rtm/token', { userId: 'alice', channel: 'team-7' }, withKey(keys.rtmTeam));
      expect(res.statusCode).toBe(200);
      expect(decodeToken(res.json().token).rtc?.channel).toBe('team-7');
      expect((await refusal('/v1/rtm/token', { userId: 'alice', channel: 'other' }, keys.rtmTeam)).rule).toBe('channels');
      expect((await refusal('/v1/rtm/token', { userId: 'alice', channel: '*' }, keys.rtmTeam)).rule).toBe('channels');
    });

    it('roles: refuses a publisher, whether asked by role or by publish privileges', async () => {
      expect((await refusal('/v1/rtc/token', { channel: 'lobby', role: 'publisher' }, keys.rtcTeam)).detail).toBe(
        'Refused by rule roles: this API key may not get publisher tokens.',
      );
      const publishing = { channel: 'lobby', privileges: { joinChannel: 300, publishData: 300 } };
      expect((await refusal('/v1/rtc/token', publishing, keys.rtcTeam)).rule).toBe('roles');

      const joinOnly = await post('/v1/rtc/token', { channel: 'lobby', privileges: { joinChannel: 300 } }, withKey(keys.rtcTeam));
      expect(joinOnly.statusCode).toBe(200);
      expect(decodeToken(joinOnly.json().token).rtc?.privileges).toEqual({ joinChannel: 300 });
    });

    it('maxExpireSeconds: refuses longer lifetimes, for the token and for each privilege', async () => {
      expect((await refusal('/v1/rtc/token', { channel: 'lobby', expireSeconds: 601 }, keys.rtcTeam)).detail).toBe(
        'Refused by rule maxExpireSeconds: expireSeconds may be at most 600 seconds for this API key.',
      );
      const privileges = { channel: 'lobby', expireSeconds: 300, privileges: { joinChannel: 900 } };
      expect((await refusal('/v1/rtc/token', privileges, keys.rtcTeam)).detail).toBe(
        'Refused by rule maxExpireSeconds: privileges.joinChannel may be at most 600 seconds for this API key.',
      );

      const atCap = await post('/v1/rtc/token', { channel: 'lobby', expireSeconds: 600 }, withKey(keys.rtcTeam));
      expect(decodeToken(atCap.json().token).expire).toBe(600);
    });

    it('maxExpireSeconds: a key capped below the default gets its cap when it names no lifetime', async () => {
      const res = await post('/v1/rtc/token', { channel: 'team-9', uid: 5 }, withKey(keys.rtcTeam));

      expect(res.statusCode).toBe(200);
      expect(res.json().expireSeconds).toBe(600);
      const token = decodeToken(res.json().token);
      expect(token.expire).toBe(600);
      expect(token.rtc).toEqual({ channel: 'team-9', uid: '5', privileges: { joinChannel: 600 } });
    });

    it('validates the body before applying the policy', async () => {
      const res = await post('/v1/rtm/token', { userId: 5 }, withKey(keys.rtcTeam));

      expect(res.statusCode).toBe(400);
      expect(res.json().type).toBe('urn:agora-token-service:problem:validation');
    });
  });
});
