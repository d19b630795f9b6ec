import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { illFormedText, malformedEscape } from './support/bad-text.js';
import { JwksServer } from './support/jwks-server.js';
import { listRoutes, type AppRoute } from './support/routes.js';
import { createTestApp } from './support/test-app.js';

/** Field names the token routes know, so random bodies reach past "unknown field" into the services. */
const FIELDS = [
  'channel', 'uid', 'account', 'role', 'expireSeconds', 'privileges', 'userId', 'rtmUserId', 'rtmExpireSeconds',
  'tokenType', 'expire', 'isPublisher', 'user', 'joinChannel', 'publishAudio',
  // Names every object inherits: class-validator's whitelist once let them through.
  ...Object.getOwnPropertyNames(Object.prototype),
];
const QUERY = ['expiry', 'channelName', 'uid', 'role', 'expireTime'];

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', '0', '42', '4294967296', '-1', 'publisher', 'rtc', 'rtm', 'chat', '*', 'team-1', 'alice', '\u0000'),
  fc.integer(),
  fc.double(),
  illFormedText,
  fc.constant(null),
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 5 }),
  fc.record({ privileges: fc.dictionary(fc.constantFrom('joinChannel', 'publishAudio', 'publishVideo', 'publishData', 'x'), value) }),
);
/** A path segment or query value, as sent: percent-encoded text, or escapes that do not decode. */
const encoded = (text: fc.Arbitrary<string>) => fc.oneof({ weight: 5, arbitrary: text.map(encodeURIComponent) }, { weight: 1, arbitrary: malformedEscape });
const segment = encoded(fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.constantFrom('0', '00', '42', 'uid', 'userAccount', 'publisher', 'alice')));
const query = fc.dictionary(fc.constantFrom(...QUERY), encoded(fc.string({ maxLength: 40 })), { maxKeys: 3 });

/** Random input at every token route, from a restricted key and from an end user: never a 5xx. */
describe('Token routes never answer 5xx to random input (property, e2e)', () => {
  let jwks: JwksServer;
  let app: NestFastifyApplication;
  let routes: AppRoute[];
  let credentials: Array<Record<string, string>>;

  beforeAll(async () => {
    jwks = await JwksServer.start();
    const key = newApiKey();
    app = await createTestApp({
      ...jwks.env('apikey,jwt'),
      API_KEYS_FILE: writeApiKeysFile([{ id: 'k', key, kinds: ['rtc', 'rtm', 'chat'], channels: ['team-*'], maxExpireSeconds: 900 }]),
      JWT_CHANNELS_CLAIM: 'channels',
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    routes = listRoutes(app).filter(({ isPublic }) => !isPublic);
    credentials = [
      { 'x-api-key': key },
      { authorization: `Bearer ${await jwks.sign({ sub: 'alice', channels: ['team-*'] })}` },
      { authorization: `Bearer ${await jwks.sign({ sub: '42' })}` },
    ];
  });
  afterAll(async () => {
    await app.close();
    await jwks.stop();
  });

  it('covers the /v1 and every compatibility route', () => {
    expect(routes.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining([
        'POST /v1/rtc/token',
        'POST /v1/rtm/token',
        'POST /v1/chat/token',
        'POST /getToken',
        'POST /token/getNew',
        'GET /rtc/:channelName/:role/:tokenType/:uid',
        'GET /rtm/:uid',
        'GET /rte/:channelName/:role/:tokenType/:rtcuid',
        'GET /rte/:channelName/:role/:tokenType/:rtcuid/:rtmuid',
        'GET /chat/app',
        'GET /chat/account/:chatid',
        'GET /access_token',
        'POST /rtctoken',
        'POST /rtmtoken',
        'POST /fetch_rtm_token',
      ]),
    );
  });

  it('answers every request with a status below 500, and errors as JSON', async () => {
    const seen = new Set<number>();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(body, fc.array(segment, { minLength: 5, maxLength: 5 }), query, fc.nat(credentials.length - 1), async (payload, segments, params, who) => {
          let i = 0;
          const path = route.path.replace(/:\w+/g, () => segments[i++]);
          const search = Object.entries(params).map(([name, text]) => `${name}=${text}`).join('&');
          const res = await app.inject({
            method: route.method,
            url: search ? `${path}?${search}` : path,
            headers: { ...credentials[who], 'content-type': 'application/json' },
            ...(route.method === 'POST' ? { payload: JSON.stringify(payload) } : {}),
          });
          seen.add(res.statusCode);
          expect({ route: route.path, status: res.statusCode < 500 }).toEqual({ route: route.path, status: true });
          expect(res.headers['content-type']).toMatch(/^application\/(problem\+)?json/);
        }),
        { numRuns: 150 },
      );
    }
    // The inputs reach every outcome: issued, invalid, refused by policy or identity, unknown.
    expect([...seen]).toEqual(expect.arrayContaining([200, 400, 403]));
    // 150 random requests to each of some sixty routes (the Agora services' among them).
  }, 120_000);
});
