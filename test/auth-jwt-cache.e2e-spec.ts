import { afterEach, jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { JwtVerifier } from '../src/auth/jwt/jwt.verifier.js';
import { JwksServer } from './support/jwks-server.js';
import { captureLogs, createTestApp } from './support/test-app.js';

/** Every clock but Date stays real: jose, the cache and the app read the time through Date only. */
const REAL_TIMERS = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A verified JWT is remembered, and only as long as it would still verify (e2e, AUTH_MODE=jwt). */
describe('End-user JWTs: verified tokens remembered (e2e)', () => {
  let jwks: JwksServer;
  let app: NestFastifyApplication;
  let verifier: JwtVerifier;

  beforeEach(async () => {
    jwks = await JwksServer.start();
    app = await createTestApp({ ...jwks.env(), JWT_CHANNELS_CLAIM: 'channels' });
    verifier = app.get(JwtVerifier);
  });
  afterEach(async () => {
    jest.useRealTimers();
    await app.close();
    await jwks.stop();
  });

  const rtc = (jwt: string, channel = 'room-1') =>
    app.inject({ method: 'POST', url: '/v1/rtc/token', payload: { channel }, headers: { authorization: `Bearer ${jwt}` } });
  /** Full verifications (signature and claims) that `fn` caused. */
  const verificationsIn = async (fn: () => Promise<unknown>) => {
    const before = verifier.cacheStats.verifications;
    await fn();
    return verifier.cacheStats.verifications - before;
  };
  const freezeClock = () => jest.useFakeTimers({ doNotFake: [...REAL_TIMERS], now: Date.now() });
  const advanceClock = (seconds: number) => jest.setSystemTime(Date.now() + seconds * 1000);

  it('verifies a token sent again and again once, answering the same caller each time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z][a-z0-9]{0,15}$/), fc.constantFrom('RS256', 'ES256'), fc.integer({ min: 2, max: 6 }), async (sub, alg, times) => {
        const jwt = await jwks.sign({ sub, channels: ['room-*'] }, { alg });
        const accounts: string[] = [];
        const verifications = await verificationsIn(async () => {
          for (let i = 0; i < times; i++) accounts.push((await rtc(jwt)).json().account);
        });
        expect({ verifications, accounts }).toEqual({ verifications: 1, accounts: Array<string>(times).fill(sub) });
      }),
      { numRuns: 15 },
    );
  });

  it('still applies the token channel globs to a remembered caller', async () => {
    const jwt = await jwks.sign({ sub: 'alice', channels: ['room-*'] });
    const statuses: number[] = [];
    const verifications = await verificationsIn(async () => {
      for (const channel of ['room-1', 'lobby', 'room-2']) statuses.push((await rtc(jwt, channel)).statusCode);
    });

    expect({ verifications, statuses }).toEqual({ verifications: 1, statuses: [200, 403, 200] });
  });

  it('refuses a remembered token once its exp has passed', async () => {
    freezeClock();
    const jwt = await jwks.sign({ sub: 'alice', channels: ['room-*'] }, { expiresIn: '60s' });
    expect((await rtc(jwt)).statusCode).toBe(200);
    advanceClock(59);
    expect((await rtc(jwt)).statusCode).toBe(200);
    advanceClock(1);

    const res = await rtc(jwt);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('refuses a remembered token once a refetch of the JWKS shows its key withdrawn', async () => {
    freezeClock();
    const old = await jwks.sign({ sub: 'alice', channels: ['room-*'] }, { alg: 'ES256' });
    expect((await rtc(old)).statusCode).toBe(200);
    // Rotation: the provider publishes a new key, signs with it, and withdraws the old one.
    const next = await jwks.publish('ec-2', 'ES256');
    jwks.withdraw('ec-1');
    const renewed = await jwks.sign({ sub: 'alice', channels: ['room-*'] }, { key: next });
    // A token naming the new key makes jose refetch (it may every 30 s): the key set it finds has changed.
    advanceClock(31);
    const fetches = jwks.fetches;
    expect((await rtc(renewed)).statusCode).toBe(200);
    expect(jwks.fetches).toBe(fetches + 1);

    expect((await rtc(old)).statusCode).toBe(401);
  });

  it('verifies a remembered token again once the JWKS copy is past its 10-minute age, and refuses it if its key is gone', async () => {
    freezeClock();
    const jwt = await jwks.sign({ sub: 'alice', channels: ['room-*'] }, { alg: 'ES256', expiresIn: '1h' });
    expect((await rtc(jwt)).statusCode).toBe(200);
    jwks.withdraw('ec-1');
    advanceClock(9 * 60);
    expect(await verificationsIn(async () => expect((await rtc(jwt)).statusCode).toBe(200))).toBe(0);
    advanceClock(60);

    expect(await verificationsIn(async () => expect((await rtc(jwt)).statusCode).toBe(401))).toBe(1);
  });

  it('never accepts a tampered copy of a remembered token', async () => {
    const jwt = await jwks.sign({ sub: 'alice', channels: ['room-*'] });
    const other = await jwks.sign({ sub: 'bob', channels: ['room-*'] });
    expect([(await rtc(jwt)).statusCode, (await rtc(other)).statusCode]).toEqual([200, 200]);
    const [header, payload, signature] = jwt.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'mallory' })).toString('base64url');
    // The last character of a signature carries unused bits: changing it alone may decode to the same bytes.
    const tamperedSignature = fc.tuple(fc.nat(signature.length - 2), fc.constantFrom(...BASE64URL)).filter(([at, char]) => signature[at] !== char);

    for (const forged of [`${header}.${forgedPayload}.${signature}`, `${header}.${payload}.${other.split('.')[2]}`]) {
      expect((await rtc(forged)).statusCode).toBe(401);
    }
    await fc.assert(
      fc.asyncProperty(tamperedSignature, async ([at, char]) => {
        const forged = `${header}.${payload}.${signature.slice(0, at)}${char}${signature.slice(at + 1)}`;
        expect((await rtc(forged)).statusCode).toBe(401);
      }),
      { numRuns: 25 },
    );
    expect(await verificationsIn(async () => expect((await rtc(jwt)).json().account).toBe('alice'))).toBe(0);
  });

  it('does not remember a token it refused', async () => {
    const jwt = await jwks.sign({ sub: '', channels: ['room-*'] });
    const entries = verifier.cacheStats.entries;
    const statuses: number[] = [];
    const verifications = await verificationsIn(async () => {
      for (let i = 0; i < 3; i++) statuses.push((await rtc(jwt)).statusCode);
    });

    expect({ verifications, statuses, entries: verifier.cacheStats.entries }).toEqual({ verifications: 3, statuses: [401, 401, 401], entries });
  });
  it('logs what each request issued, to whom and from which project, when requests share a remembered token', async () => {
    const logs = captureLogs();
    const logged = await createTestApp({ ...jwks.env(), JWT_CHANNELS_CLAIM: 'channels' }, { requestLogs: true, logStream: logs.stream });
    try {
      const jwt = await jwks.sign({ sub: 'alice', channels: ['room-*'] });
      const channels = ['room-1', 'room-2', 'room-3', 'room-4', 'room-5'];
      const send = (channel: string) =>
        logged.inject({ method: 'POST', url: '/v1/rtc/token', payload: { channel }, headers: { authorization: `Bearer ${jwt}`, 'x-request-id': `req-${channel}` } });
      // The first alone (it is verified and remembered), then the rest at once, all from the remembered caller.
      await send(channels[0]);
      await Promise.all(channels.slice(1).map(send));

      const lines = logs.lines.filter((line) => typeof line.requestId === 'string' && String(line.requestId).startsWith('req-'));
      expect(lines.map((line) => [line.requestId, line.caller, line.project, line.issued]).sort()).toEqual(
        channels.map((channel) => [`req-${channel}`, { kind: 'jwt', id: 'alice' }, 'default', [expect.objectContaining({ kind: 'rtc', channel })]]).sort(),
      );
    } finally {
      await logged.close();
    }
  });
});
