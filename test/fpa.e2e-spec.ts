import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { newApiKey, writeApiKeysFile, type TestKey } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { postJson, validationProblem } from './support/http.js';
import { JwksServer } from './support/jwks-server.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';
import { tokenContent } from './support/token-services.js';

const URL = '/v1/fpa/token';
const FPA_ONLY = { appId: TEST_APP_ID, expire: 86_400, services: [{ __type: 4, __privileges: { 1: 0 } }] };

describe('POST /v1/fpa/token', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp({ TOKEN_DEFAULT_EXPIRE_SECONDS: '1800' });
  });
  afterAll(() => app.close());

  it('issues FpaTokenBuilder’s token for a POST with no body: the FPA login, for 24 h whatever the default, never cached', async () => {
    const response = await app.inject({ method: 'POST', url: URL });
    const body = response.json();
    const token = decodeToken(body.token);

    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(tokenContent(body.token)).toEqual(FPA_ONLY);
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(body).toEqual({
      token: body.token,
      appId: TEST_APP_ID,
      project: 'default',
      issuedAt: new Date(token.issueTs * 1000).toISOString(),
      expiresAt: new Date((token.issueTs + 86_400) * 1000).toISOString(),
      expireSeconds: 86_400,
    });
  });

  it('takes {} and an expireSeconds of exactly 86400 alike', async () => {
    for (const payload of [{}, { expireSeconds: 86_400 }]) {
      const response = await postJson(app, URL, payload);
      expect({ payload, status: response.statusCode, content: tokenContent(response.json().token) }).toEqual({ payload, status: 200, content: FPA_ONLY });
    }
  });

  it('refuses any other lifetime with a 400 saying it is fixed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.boolean()).filter((value) => value !== 86_400), async (expireSeconds) => {
        const response = await postJson(app, URL, { expireSeconds });
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual([{ field: 'expireSeconds', message: 'expireSeconds of an FPA token is fixed at 86400: omit it' }]);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses any other field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }).filter((name) => !['expireSeconds', '__proto__'].includes(name)), fc.jsonValue(), async (name, value) => {
        const response = await postJson(app, URL, { [name]: value });
        expect(response.statusCode).toBe(400);
        expect(response.json().type).toBe('urn:agora-token-service:problem:validation');
      }),
      { numRuns: 40 },
    );
    expect((await postJson(app, URL, { userId: 'alice' })).json()).toEqual(
      validationProblem(URL, [{ field: 'userId', message: 'property userId should not exist' }]),
    );
  });

  it('is refused, naming expireSeconds, where TOKEN_MAX_EXPIRE_SECONDS is below its fixed 24 h', async () => {
    const capped = await createTestApp({ TOKEN_DEFAULT_EXPIRE_SECONDS: '600', TOKEN_MAX_EXPIRE_SECONDS: '43200' });
    try {
      expect((await postJson(capped, URL, {})).json()).toEqual(
        validationProblem(URL, [{ field: 'expireSeconds', message: 'expireSeconds must not be greater than 43200 (the configured maximum)' }]),
      );
    } finally {
      await capped.close();
    }
  });
});

describe('POST /v1/fpa/token under policies', () => {
  const keys = {
    fpa: { id: 'fpa', key: newApiKey(), kinds: ['fpa'] },
    rtcOnly: { id: 'rtc-only', key: newApiKey(), kinds: ['rtc'] },
    shortLived: { id: 'short-lived', key: newApiKey(), maxExpireSeconds: 3600 },
    channels: { id: 'channels', key: newApiKey(), kinds: ['fpa'], channels: ['team-*'], roles: ['subscriber'] },
  } satisfies Record<string, TestKey>;
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

  const post = (key: TestKey) => postJson(app, URL, {}, { 'x-api-key': key.key });

  it('kinds: an API key needs fpa', async () => {
    expect((await post(keys.fpa)).statusCode).toBe(200);
    expect(await post(keys.rtcOnly).then((r) => [r.statusCode, r.json().rule, r.json().detail])).toEqual([
      403,
      'kinds',
      'Refused by rule kinds: this API key may not get fpa tokens.',
    ]);
  });

  it('maxExpireSeconds: a key capped below 24 h is refused, naming the fixed 86400', async () => {
    const response = await post(keys.shortLived);

    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      rule: 'maxExpireSeconds',
      detail: 'Refused by rule maxExpireSeconds: expireSeconds (fixed at 86400 for this kind) may be at most 3600 seconds for this API key.',
    });
  });

  it('channels and roles do not apply: the token names no channel and grants no RTC role', async () => {
    const response = await post(keys.channels);

    expect(response.statusCode).toBe(200);
    expect(tokenContent(response.json().token)).toEqual(FPA_ONLY);
  });

  it('end users (JWT) may have it, whatever their channel claim: it names no user and grants nothing app-wide', async () => {
    const jwt = await jwks.sign({ sub: 'alice', channels: ['team-*'] });
    const response = await postJson(jwtApp, URL, {}, { authorization: `Bearer ${jwt}` });

    expect(response.statusCode).toBe(200);
    expect(tokenContent(response.json().token)).toEqual(FPA_ONLY);
  });
});
