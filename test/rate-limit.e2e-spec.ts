import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RateLimitStore } from '../src/auth/rate-limit/rate-limit.store.js';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { plainProblem } from './support/http.js';
import { JwksServer } from './support/jwks-server.js';
import { createTestApp } from './support/test-app.js';

const LIMIT = 3;

describe('Rate limits (e2e, in memory)', () => {
  describe('per API key', () => {
    const alpha = { id: 'alpha', key: newApiKey() };
    const beta = { id: 'beta', key: newApiKey() };
    let app: NestFastifyApplication;

    beforeAll(async () => {
      app = await createTestApp({
        AUTH_MODE: 'apikey',
        API_KEYS_FILE: writeApiKeysFile([alpha, beta]),
        RATE_LIMIT_PER_MINUTE: String(LIMIT),
      });
    });
    afterAll(() => app.close());

    const rtc = (key: string, remoteAddress = '127.0.0.1') =>
      app.inject({ method: 'POST', url: '/v1/rtc/token', payload: { channel: 'room' }, headers: { 'x-api-key': key }, remoteAddress });

    it('allows RATE_LIMIT_PER_MINUTE requests a minute, then answers 429 with Retry-After', async () => {
      const remaining = [];
      for (let i = 0; i < LIMIT; i++) {
        const res = await rtc(alpha.key);
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBe(String(LIMIT));
        // Seconds until the window ends (not milliseconds, not a timestamp).
        expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(1);
        expect(Number(res.headers['x-ratelimit-reset'])).toBeLessThanOrEqual(60);
        remaining.push(Number(res.headers['x-ratelimit-remaining']));
      }
      expect(remaining).toEqual([2, 1, 0]);

      const refused = await rtc(alpha.key);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers['x-ratelimit-remaining']).toBe('0');
      expect(refused.json()).toEqual(
        plainProblem('/v1/rtc/token', 429, `Too many token requests: at most ${LIMIT} a minute for each caller. Retry after ${retryAfter} seconds.`),
      );
    });

    it('counts each key on its own, wherever its requests come from', async () => {
      for (let i = 0; i < LIMIT; i++) expect((await rtc(beta.key, `10.0.0.${i + 1}`)).statusCode).toBe(200);
      expect((await rtc(beta.key, '10.0.0.99')).statusCode).toBe(429);
    });

    it('leaves the open routes unlimited', async () => {
      for (let i = 0; i < LIMIT + 2; i++) {
        const res = await app.inject({ method: 'GET', url: '/ping' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
      }
    });

    it('counts refused credentials against the client address, so keys cannot be guessed at speed', async () => {
      const guess = () => rtc(newApiKey(), '192.0.2.7');
      for (let i = 0; i < LIMIT; i++) expect((await guess()).statusCode).toBe(401);
      expect((await guess()).statusCode).toBe(429);
      // Another address is not held back by that one.
      expect((await rtc(newApiKey(), '192.0.2.8')).statusCode).toBe(401);
    });
  });

  describe('per caller across routes', () => {
    let app: NestFastifyApplication;

    beforeAll(async () => {
      app = await createTestApp({ AUTH_MODE: 'none', RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    });
    afterAll(() => app.close());

    const call = (url: string, payload: object, remoteAddress: string) =>
      app.inject({ method: 'POST', url, payload, remoteAddress });

    it('shares one budget between all token routes', async () => {
      expect((await call('/v1/rtc/token', { channel: 'room' }, '198.51.100.1')).statusCode).toBe(200);
      expect((await call('/v1/rtm/token', { userId: 'alice' }, '198.51.100.1')).statusCode).toBe(200);
      expect((await call('/v1/chat/token', {}, '198.51.100.1')).statusCode).toBe(200);
      expect((await call('/v1/rtc/token', { channel: 'room' }, '198.51.100.1')).statusCode).toBe(429);
    });

    it('counts anonymous callers (AUTH_MODE=none) by client address', async () => {
      for (let i = 0; i < LIMIT; i++) expect((await call('/v1/chat/token', {}, '198.51.100.2')).statusCode).toBe(200);
      expect((await call('/v1/chat/token', {}, '198.51.100.2')).statusCode).toBe(429);
      expect((await call('/v1/chat/token', {}, '198.51.100.3')).statusCode).toBe(200);
    });

    it('counts an IPv6 /64 as one address, so rotating addresses within it buys no budget', async () => {
      for (let i = 1; i <= LIMIT; i++) {
        expect((await call('/v1/chat/token', {}, `2001:db8:1:2::${i}`)).statusCode).toBe(200);
      }
      expect((await call('/v1/chat/token', {}, '2001:db8:1:2:ffff::9')).statusCode).toBe(429);
      expect((await call('/v1/chat/token', {}, '2001:db8:1:3::1')).statusCode).toBe(200);
    });

    it('counts requests that fail validation too', async () => {
      for (let i = 0; i < LIMIT; i++) expect((await call('/v1/rtc/token', {}, '198.51.100.4')).statusCode).toBe(400);
      expect((await call('/v1/rtc/token', { channel: 'room' }, '198.51.100.4')).statusCode).toBe(429);
    });

    it('reports in-memory counters as up, for readiness', async () => {
      await expect(app.get(RateLimitStore).ping()).resolves.toEqual({ store: 'memory', up: true });
    });
  });

  describe('per JWT identity', () => {
    let jwks: JwksServer;
    let app: NestFastifyApplication;

    beforeAll(async () => {
      jwks = await JwksServer.start();
      app = await createTestApp({ ...jwks.env(), RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    });
    afterAll(async () => {
      await app.close();
      await jwks.stop();
    });

    it('counts every token of the same identity together', async () => {
      const chat = async (sub: string) =>
        app.inject({
          method: 'POST',
          url: '/v1/chat/token',
          payload: {},
          headers: { authorization: `Bearer ${await jwks.sign({ sub, jti: Math.random().toString(36) })}` },
        });

      for (let i = 0; i < LIMIT; i++) expect((await chat('alice')).statusCode).toBe(200);
      expect((await chat('alice')).statusCode).toBe(429);
      expect((await chat('bob')).statusCode).toBe(200);
    });
  });
});
