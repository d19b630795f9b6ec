import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SignJWT } from 'jose';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { plainProblem } from './support/http.js';
import { JWT_AUDIENCE, JWT_ISSUER, JwksServer, unsecuredJwt } from './support/jwks-server.js';
import { freePort } from './support/spawn-service.js';
import { createTestApp } from './support/test-app.js';

describe('End-user JWTs (e2e, AUTH_MODE=jwt)', () => {
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

  const post = (url: string, payload: object, jwt?: string, target = app) =>
    target.inject({ method: 'POST', url, payload, headers: jwt ? { authorization: `Bearer ${jwt}` } : {} });

  describe('verification', () => {
    it('accepts RS256 and ES256 tokens signed by a key in the JWKS', async () => {
      for (const alg of ['RS256', 'ES256'] as const) {
        const res = await post('/v1/rtm/token', {}, await jwks.sign({ sub: 'alice' }, { alg }));
        expect({ alg, status: res.statusCode }).toEqual({ alg, status: 200 });
      }
    });

    it('answers 401 with a Bearer challenge when no token is sent', async () => {
      const res = await post('/v1/rtc/token', { channel: 'room' });

      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="agora-token-service"');
    });

    it('does not take an API key header in jwt mode', async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/rtm/token', payload: {}, headers: { 'x-api-key': newApiKey() } });

      expect(res.statusCode).toBe(401);
      // Missing credentials, not an invalid key: the header was not read at all.
      expect(res.headers['www-authenticate']).toBe('Bearer realm="agora-token-service"');
    });

    const failures: Array<[string, () => Promise<string>]> = [
      ['expired', () => jwks.sign({ sub: 'alice' }, { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
      ['without an expiry', () => jwks.sign({ sub: 'alice' }, { expiresIn: false })],
      ['not valid yet', () => jwks.sign({ sub: 'alice', nbf: Math.floor(Date.now() / 1000) + 600 })],
      ['for another audience', () => jwks.sign({ sub: 'alice', aud: 'another-service' })],
      ['from another issuer', () => jwks.sign({ sub: 'alice', iss: 'https://evil.example.test/' })],
      ['signed by a key not in the JWKS (same kid)', () => jwks.sign({ sub: 'alice' }, { key: jwks.stranger })],
      ['signed by a key not in the JWKS (unknown kid)', () => jwks.sign({ sub: 'alice' }, { key: { ...jwks.stranger, kid: 'nope' } })],
      ['unsigned (alg: none)', async () => unsecuredJwt({ sub: 'alice', iss: JWT_ISSUER, aud: JWT_AUDIENCE, exp: 4_000_000_000 })],
      ['HMAC-signed (HS256)', () => hmacJwt({ sub: 'alice' })],
      ['without the identity claim', () => jwks.sign({ name: 'alice' })],
      ['with an empty identity', () => jwks.sign({ sub: '' })],
      // JSON.stringify writes a lone surrogate as the escape \ud800: the claim parses back to it.
      ['with an identity that is not well-formed text', () => jwks.sign({ sub: 'ali\ud800ce' })],
      ['garbage', async () => 'not-a-jwt'],
      ['garbage shaped like a JWT', async () => 'aaa.bbb.ccc'],
      ['tampered with', async () => swapPayload(await jwks.sign({ sub: 'alice' }), { sub: 'bob' })],
    ];

    it.each(failures)('refuses a token that is %s with 401 invalid_token', async (_name, make) => {
      const res = await post('/v1/rtm/token', {}, await make());

      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="agora-token-service", error="invalid_token"');
      expect(res.json()).toEqual(plainProblem('/v1/rtm/token', 401, 'The credentials were not accepted.'));
    });

    it('takes any audience of a comma-separated JWT_AUDIENCE, and no other', async () => {
      const twoAudiences = await createTestApp({ ...jwks.env(), JWT_AUDIENCE: `another-service, ${JWT_AUDIENCE}` });
      try {
        const statusFor = async (aud: string) => (await post('/v1/rtm/token', {}, await jwks.sign({ sub: 'alice', aud }), twoAudiences)).statusCode;
        expect([await statusFor(JWT_AUDIENCE), await statusFor('another-service'), await statusFor('a-third-service')]).toEqual([200, 200, 401]);
      } finally {
        await twoAudiences.close();
      }
    });
  });

  describe('identity binding', () => {
    let alice: string;
    let numeric: string;

    beforeAll(async () => {
      alice = await jwks.sign({ sub: 'alice' });
      numeric = await jwks.sign({ sub: '4242' });
    });

    it('RTC: signs for the identity as the account when no user is named', async () => {
      const res = await post('/v1/rtc/token', { channel: 'room', role: 'publisher' }, alice);

      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ channel: 'room', account: 'alice' });
      expect(decodeToken(res.json().token).rtc).toMatchObject({ channel: 'room', uid: 'alice' });
    });

    it('RTC: takes the identity as account, and refuses anyone else', async () => {
      expect(decodeToken((await post('/v1/rtc/token', { channel: 'room', account: 'alice' }, alice)).json().token).rtc?.uid).toBe('alice');

      const res = await post('/v1/rtc/token', { channel: 'room', account: 'bob' }, alice);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ rule: 'identity', detail: "Refused by rule identity: account must be the caller's own identity." });
    });

    it('RTC: allows a numeric uid only when the identity is that number, never uid 0', async () => {
      const own = await post('/v1/rtc/token', { channel: 'room', uid: 4242 }, numeric);
      expect(own.statusCode).toBe(200);
      expect(decodeToken(own.json().token).rtc?.uid).toBe('4242');

      for (const [uid, jwt] of [[4243, numeric], [0, numeric], [4242, alice]] as const) {
        const res = await post('/v1/rtc/token', { channel: 'room', uid }, jwt);
        expect({ uid, status: res.statusCode, rule: res.json().rule }).toEqual({ uid, status: 403, rule: 'identity' });
      }
    });

    it('RTM: logs in as the identity by default, stream channel included', async () => {
      const res = await post('/v1/rtm/token', { channel: 'room' }, alice);

      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ userId: 'alice', channel: 'room' });
      const token = decodeToken(res.json().token);
      expect(token.rtm?.userId).toBe('alice');
      expect(token.rtc).toMatchObject({ channel: 'room', uid: 'alice' });
    });

    it('RTM: refuses another user id', async () => {
      expect((await post('/v1/rtm/token', { userId: 'alice' }, alice)).statusCode).toBe(200);
      const res = await post('/v1/rtm/token', { userId: 'bob' }, alice);
      expect(res.statusCode).toBe(403);
      expect(res.json().rule).toBe('identity');
    });

    it('Chat: gives a user token for the identity, never an app token', async () => {
      const res = await post('/v1/chat/token', {}, alice);

      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ kind: 'user', userId: 'alice' });
      const token = decodeToken(res.json().token);
      expect(token.chat).toEqual({ userId: 'alice', privileges: { user: 3600 } });
      expect(token.serviceCount).toBe(1);
    });

    it('Chat: refuses another user id', async () => {
      const res = await post('/v1/chat/token', { userId: 'bob' }, alice);

      expect(res.statusCode).toBe(403);
      expect(res.json().rule).toBe('identity');
    });

    it('refuses an identity too long to be a user id', async () => {
      const long = await jwks.sign({ sub: 'x'.repeat(65) });

      const res = await post('/v1/rtm/token', {}, long);
      expect(res.statusCode).toBe(403);
      expect(res.json().rule).toBe('identity');
      // It is still a valid RTC account (up to 255 bytes).
      expect((await post('/v1/rtc/token', { channel: 'room' }, long)).statusCode).toBe(200);
    });
  });

  describe('with JWT_CHANNELS_CLAIM and JWT_IDENTITY_CLAIM', () => {
    let scoped: NestFastifyApplication;

    beforeAll(async () => {
      scoped = await createTestApp({ ...jwks.env(), JWT_CHANNELS_CLAIM: 'channels', JWT_IDENTITY_CLAIM: 'uid' });
    });
    afterAll(() => scoped.close());

    it('reads the identity from the configured claim (a number counts as its decimal form)', async () => {
      const jwt = await jwks.sign({ sub: 'ignored', uid: 77, channels: ['*'] });

      const res = await post('/v1/rtc/token', { channel: 'room', uid: 77 }, jwt, scoped);
      expect(res.statusCode).toBe(200);
      expect(decodeToken(res.json().token).rtc?.uid).toBe('77');
    });

    it('allows only channels matching a glob in the claim, for RTC and RTM stream channels', async () => {
      const jwt = await jwks.sign({ uid: 'alice', channels: ['team-*', 'lobby'] });

      for (const channel of ['team-1', 'lobby']) {
        expect((await post('/v1/rtc/token', { channel }, jwt, scoped)).statusCode).toBe(200);
      }
      for (const [url, payload] of [
        ['/v1/rtc/token', { channel: 'other' }],
        ['/v1/rtm/token', { channel: 'other' }],
        ['/v1/rtm/token', { channel: '*' }],
      ] as const) {
        const res = await post(url, payload, jwt, scoped);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ rule: 'channels', detail: `Refused by rule channels: the caller's token does not allow channel "${payload.channel}".` });
      }
      expect((await post('/v1/rtm/token', {}, jwt, scoped)).statusCode).toBe(200);
    });

    it('accepts the claim as a space-separated string', async () => {
      const jwt = await jwks.sign({ uid: 'alice', channels: 'team-* lobby' });

      expect((await post('/v1/rtc/token', { channel: 'lobby' }, jwt, scoped)).statusCode).toBe(200);
      expect((await post('/v1/rtc/token', { channel: 'other' }, jwt, scoped)).statusCode).toBe(403);
    });

    it('allows no channel at all when the claim is missing', async () => {
      const jwt = await jwks.sign({ uid: 'alice' });

      expect((await post('/v1/rtc/token', { channel: 'lobby' }, jwt, scoped)).json().rule).toBe('channels');
      expect((await post('/v1/chat/token', {}, jwt, scoped)).statusCode).toBe(200);
    });
  });

  describe('when the JWKS cannot be read', () => {
    it('answers 503 with Retry-After, not 401: the caller did nothing wrong', async () => {
      const broken = await JwksServer.start();
      broken.failWith = 500;
      const brokenApp = await createTestApp(broken.env());
      try {
        const res = await post('/v1/rtm/token', {}, await broken.sign({ sub: 'alice' }), brokenApp);

        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.json()).toMatchObject({ status: 503, detail: 'The service cannot answer right now; try again shortly.' });

        broken.failWith = undefined;
        // jose refetches on the next request once the endpoint answers again.
        expect((await post('/v1/rtm/token', {}, await broken.sign({ sub: 'alice' }), brokenApp)).statusCode).toBe(200);
      } finally {
        await brokenApp.close();
        await broken.stop();
      }
    });

    it('answers 503 when nothing listens at JWT_JWKS_URL', async () => {
      const port = await freePort();
      const orphan = await createTestApp({ ...jwks.env(), JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json` });
      try {
        expect((await post('/v1/rtm/token', {}, await jwks.sign({ sub: 'alice' }), orphan)).statusCode).toBe(503);
      } finally {
        await orphan.close();
      }
    });
  });
});

describe('API keys and JWTs together (e2e, AUTH_MODE=apikey,jwt)', () => {
  let jwks: JwksServer;
  let app: NestFastifyApplication;
  const key = newApiKey();

  beforeAll(async () => {
    jwks = await JwksServer.start();
    app = await createTestApp({
      ...jwks.env('apikey,jwt'),
      API_KEYS_FILE: writeApiKeysFile([{ id: 'backend', key, kinds: ['chat-app'] }]),
    });
  });
  afterAll(async () => {
    await app.close();
    await jwks.stop();
  });

  const chat = (headers: Record<string, string>, payload: object = {}) =>
    app.inject({ method: 'POST', url: '/v1/chat/token', payload, headers });

  it('accepts either; a JWT-shaped bearer is verified as a JWT, anything else as a key', async () => {
    expect((await chat({ 'x-api-key': key })).json().kind).toBe('app');
    expect((await chat({ authorization: `Bearer ${key}` })).json().kind).toBe('app');
    const user = await chat({ authorization: `Bearer ${await jwks.sign({ sub: 'alice' })}` });
    expect(user.json()).toMatchObject({ kind: 'user', userId: 'alice' });
  });

  it('challenges with both schemes', async () => {
    const res = await chat({});

    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe(
      'ApiKey realm="agora-token-service", header="X-API-Key", Bearer realm="agora-token-service"',
    );
  });

  it('refuses a bad JWT and a bad key alike', async () => {
    for (const credential of [await jwks.sign({ sub: 'alice' }, { key: jwks.stranger }), newApiKey()]) {
      const res = await chat({ authorization: `Bearer ${credential}` });
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe('The credentials were not accepted.');
    }
  });
});

/** A token signed with HS256, using a secret an attacker might try (the algorithm-confusion attack). */
function hmacJwt(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({ iss: JWT_ISSUER, aud: JWT_AUDIENCE, ...claims })
    .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!'));
}

/** Keeps the header and signature, replaces the claims. */
function swapPayload(jwt: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = jwt.split('.');
  const original = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return [header, Buffer.from(JSON.stringify({ ...original, ...claims })).toString('base64url'), signature].join('.');
}
