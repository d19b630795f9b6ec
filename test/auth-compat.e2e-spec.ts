import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { JwksServer } from './support/jwks-server.js';
import { createTestApp } from './support/test-app.js';

/**
 * The compatibility routes reach the same token services as /v1, so the same
 * authorization applies: key policies, end users' identity, rate limits.
 */
describe('Compatibility routes under caller security (e2e, AUTH_MODE=apikey,jwt)', () => {
  const rtcTeam = { id: 'rtc-team', key: newApiKey(), kinds: ['rtc'], channels: ['team-*'], roles: ['subscriber'] };
  const backend = { id: 'backend', key: newApiKey() };
  let jwks: JwksServer;
  let app: NestFastifyApplication;
  let alice: string;

  beforeAll(async () => {
    jwks = await JwksServer.start();
    app = await createTestApp({
      ...jwks.env('apikey,jwt'),
      API_KEYS_FILE: writeApiKeysFile([rtcTeam, backend]),
      RATE_LIMIT_PER_MINUTE: '1000',
    });
    alice = await jwks.sign({ sub: 'alice' });
  });
  afterAll(async () => {
    await app.close();
    await jwks.stop();
  });

  const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });
  const post = (url: string, payload: object, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url, payload, headers });
  const key = (k: { key: string }) => ({ 'x-api-key': k.key });
  const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });

  describe('API-key policies', () => {
    it('apply kinds, channels and roles to every legacy RTC route', async () => {
      expect((await get('/rtc/team-1/subscriber/uid/42/', key(rtcTeam))).statusCode).toBe(200);
      expect((await get('/access_token?channelName=team-1&uid=42', key(rtcTeam))).statusCode).toBe(200);

      const refusals: Array<[string, Promise<{ statusCode: number; json(): { rule?: string } }>]> = [
        ['channels', get('/rtc/other/subscriber/uid/42/', key(rtcTeam))],
        ['channels', get('/access_token?channelName=other&uid=42', key(rtcTeam))],
        ['roles', get('/rtc/team-1/publisher/uid/42/', key(rtcTeam))],
        ['roles', post('/rtctoken', { channel: 'team-1', isPublisher: true }, key(rtcTeam))],
        ['kinds', get('/rtm/42/', key(rtcTeam))],
        ['kinds', get('/chat/app/', key(rtcTeam))],
        ['kinds', post('/getToken', { tokenType: 'rtm', uid: 'bob' }, key(rtcTeam))],
        ['kinds', post('/fetch_rtm_token', { uid: 'bob' }, key(rtcTeam))],
        ['kinds', get('/rte/team-1/subscriber/uid/42/', key(rtcTeam))],
      ];
      for (const [rule, pending] of refusals) {
        const res = await pending;
        expect({ status: res.statusCode, rule: res.json().rule }).toEqual({ status: 403, rule });
      }
    });

    it('answer refusals as problem details, even on routes whose errors are legacy-shaped', async () => {
      const res = await get('/access_token?channelName=other&uid=42', key(rtcTeam));

      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 403, rule: 'channels', instance: '/access_token' });
    });
  });

  describe("an end user's identity", () => {
    it('binds the legacy RTM routes to the caller', async () => {
      const own = await get('/rtm/alice/', bearer(alice));
      expect(own.statusCode).toBe(200);
      expect(decodeToken(own.json().rtmToken).rtm?.userId).toBe('alice');

      for (const pending of [
        get('/rtm/bob/', bearer(alice)),
        post('/fetch_rtm_token', { uid: 'bob' }, bearer(alice)),
        post('/rtmtoken', { user: 'bob' }, bearer(alice)),
        post('/getToken', { tokenType: 'rtm', uid: 'bob' }, bearer(alice)),
      ]) {
        const res = await pending;
        expect({ status: res.statusCode, rule: res.json().rule }).toEqual({ status: 403, rule: 'identity' });
      }
    });

    it('binds the legacy RTC routes: the account must be the identity', async () => {
      const own = await post('/getToken', { tokenType: 'rtc', channel: 'room', uid: 'alice' }, bearer(alice));
      expect(own.statusCode).toBe(200);
      expect(decodeToken(own.json().token).rtc).toMatchObject({ channel: 'room', uid: 'alice' });

      for (const pending of [
        get('/rtc/room/publisher/userAccount/bob/', bearer(alice)),
        get('/rtc/room/publisher/uid/42/', bearer(alice)),
        // agora-node-tokenserver's uid defaults to 0, "any user": never for an end user.
        get('/access_token?channelName=room', bearer(alice)),
        get('/rte/room/publisher/userAccount/alice/bob/', bearer(alice)),
      ]) {
        const res = await pending;
        expect({ status: res.statusCode, rule: res.json().rule }).toEqual({ status: 403, rule: 'identity' });
      }

      const rte = await get('/rte/room/publisher/userAccount/alice/', bearer(alice));
      expect(rte.statusCode).toBe(200);
      expect(decodeToken(rte.json().rtcToken).rtc?.uid).toBe('alice');
      expect(decodeToken(rte.json().rtmToken).rtm?.userId).toBe('alice');
    });

    it("gives the Express tutorial's server-picked uid route a token for the identity instead", async () => {
      const res = await post('/rtctoken', { channel: 'room', isPublisher: false }, bearer(alice));

      expect(res.statusCode).toBe(200);
      expect(decodeToken(res.json().token).rtc?.uid).toBe('alice');
      expect(Object.keys(res.json())).toEqual(['token']);
    });

    it('binds the legacy Chat routes, and refuses the app token route', async () => {
      const own = await get('/chat/account/alice/', bearer(alice));
      expect(decodeToken(own.json().chatToken).chat).toEqual({ userId: 'alice', privileges: { user: 3600 } });
      expect((await get('/chat/account/bob/', bearer(alice))).json().rule).toBe('identity');

      const app = await get('/chat/app/', bearer(alice));
      expect(app.statusCode).toBe(403);
      expect(app.json()).toMatchObject({
        rule: 'chat-app',
        detail: 'Refused by rule chat-app: end users may not get a Chat app token (it grants app-wide privileges).',
      });
      // An unrestricted server-side key still gets it.
      const serverSide = await get('/chat/app/', key(backend));
      expect(decodeToken(serverSide.json().chatToken).chat?.privileges).toEqual({ app: 3600 });
    });
  });
});

describe('Compatibility routes share the caller’s rate limit (e2e)', () => {
  it('counts legacy and /v1 requests against one budget', async () => {
    const backend = { id: 'backend', key: newApiKey() };
    const app = await createTestApp({
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([backend]),
      RATE_LIMIT_PER_MINUTE: '3',
    });
    try {
      const headers = { 'x-api-key': backend.key };
      expect((await app.inject({ method: 'POST', url: '/v1/rtm/token', payload: { userId: 'a' }, headers })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/rtm/a/', headers })).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/fetch_rtm_token', payload: { uid: 'a' }, headers })).statusCode).toBe(200);

      const refused = await app.inject({ method: 'GET', url: '/access_token?channelName=room', headers });
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(refused.headers['content-type']).toContain('application/problem+json');
    } finally {
      await app.close();
    }
  });
});
