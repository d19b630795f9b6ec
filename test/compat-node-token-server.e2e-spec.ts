import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeIssued, fieldErrors, nowSeconds, publisher, subscriber } from './support/legacy-tokens.js';
import { get } from './support/http.js';
import { createTestApp } from './support/test-app.js';

const NO_CACHE = {
  'cache-control': 'private, no-cache, no-store, must-revalidate',
  expires: '-1',
  pragma: 'no-cache',
};

/** The route of AgoraIO-Community/Agora-Node-TokenServer (Express), answered by the /v1 RTC token service. */
describe('Agora-Node-TokenServer compatibility route: GET /access_token', () => {
  let app: NestFastifyApplication;
  let before: number;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());
  beforeEach(() => {
    before = nowSeconds();
  });

  it('defaults to uid 0 (any user), subscriber and 3600 s, with the original no-cache headers', async () => {
    const response = await get(app, '/access_token?channelName=room');

    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject(NO_CACHE);
    expect(Object.keys(response.json())).toEqual(['token']);
    const token = decodeIssued(response.json().token, before);
    expect(token.expire).toBe(3600);
    expect(token.rtc).toEqual({ channel: 'room', uid: '', privileges: subscriber(3600) });
    expect(token.serviceCount).toBe(1);
  });

  it('issues a publisher uid token for uid, role and expireTime, with or without the trailing slash', async () => {
    for (const path of ['/access_token', '/access_token/']) {
      const response = await get(app, `${path}?channelName=room&uid=42&role=publisher&expireTime=600`);
      const token = decodeIssued(response.json().token, before);
      expect(token.expire).toBe(600);
      expect(token.rtc).toEqual({ channel: 'room', uid: '42', privileges: publisher(600) });
    }
  });

  it('reads any role but publisher as subscriber, and an empty uid or expireTime as the default', async () => {
    const response = await get(app, '/access_token?channelName=room&uid=&role=audience&expireTime=');
    const token = decodeIssued(response.json().token, before);

    expect(token.expire).toBe(3600);
    expect(token.rtc).toEqual({ channel: 'room', uid: '', privileges: subscriber(3600) });
  });

  it('signs a uid that is not a canonical decimal as an account, as agora-access-token did', async () => {
    const token = decodeIssued((await get(app, '/access_token?channelName=room&uid=alice')).json().token, before);

    expect(token.rtc?.uid).toBe('alice');
  });

  it('answers a missing or empty channelName with {"error": "channel is required"} and a 400', async () => {
    for (const url of ['/access_token', '/access_token?channelName=&uid=1']) {
      const response = await get(app, url);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.json()).toEqual({ error: 'channel is required' });
    }
  });

  it('refuses other bad input as problem details naming the query parameter', async () => {
    expect(fieldErrors(await get(app, '/access_token?channelName=room&uid=4294967296'))).toEqual([
      { field: 'uid', message: 'uid must not be greater than 4294967295' },
    ]);
    expect(fieldErrors(await get(app, '/access_token?channelName=room&expireTime=86401'))).toEqual([
      { field: 'expireTime', message: 'expireTime must not be greater than 86400' },
    ]);
    expect(fieldErrors(await get(app, '/access_token?channelName=room&expireTime=1h'))).toEqual([
      { field: 'expireTime', message: 'expireTime must be a whole number of seconds' },
    ]);
    expect(fieldErrors(await get(app, `/access_token?channelName=${'c'.repeat(64)}`)).map((e) => e.field)).toEqual([
      'channelName',
    ]);
    // Joined, these would be the legal channel name "a,b".
    expect(fieldErrors(await get(app, '/access_token?channelName=a&channelName=b'))).toEqual([
      { field: 'channelName', message: 'channelName must be given once' },
    ]);
  });
});
