import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { plainProblem } from './support/http.js';
import { createTestApp } from './support/test-app.js';

describe('Browser-facing hardening (e2e)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ CORS_ALLOW_ORIGIN: 'https://app.example.com,https://admin.example.com' });
  });
  afterAll(() => app.close());

  const preflight = (origin: string) =>
    app.inject({
      method: 'OPTIONS',
      url: '/v1/rtc/token',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
    });

  describe('CORS', () => {
    it('answers a preflight from a listed origin with that exact origin', async () => {
      const res = await preflight('https://admin.example.com');

      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://admin.example.com');
      expect(res.headers['access-control-allow-methods']).toBe('GET, POST, PATCH, DELETE');
      expect(res.headers['access-control-allow-headers']).toBe('content-type,x-api-key');
    });

    it('gives a preflight from any other origin no allow header', async () => {
      for (const origin of ['https://evil.example.com', 'https://app.example.com.evil.net', 'http://app.example.com']) {
        const res = await preflight(origin);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      }
    });

    it('lets a listed origin read the answer and its rate-limit headers', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/rtc/token',
        headers: { origin: 'https://app.example.com' },
        payload: { channel: 'room' },
      });

      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(res.headers['access-control-expose-headers']).toContain('Retry-After');
      expect(res.headers.vary).toContain('Origin');
    });

    it('does not allow another origin to read an answer', async () => {
      const res = await app.inject({ method: 'GET', url: '/ping', headers: { origin: 'https://evil.example.com' } });

      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('security headers', () => {
    it('sends nosniff and a restrictive CSP on API answers, errors included', async () => {
      for (const res of [
        await app.inject({ method: 'GET', url: '/ping' }),
        await app.inject({ method: 'POST', url: '/v1/rtc/token', payload: {} }),
        await app.inject({ method: 'GET', url: '/no-such-route' }),
      ]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      }
    });

    it("keeps Swagger UI working: its assets come from 'self' and its inline styles are allowed", async () => {
      const page = await app.inject({ method: 'GET', url: '/docs' });
      const csp = String(page.headers['content-security-policy']);

      expect(page.statusCode).toBe(200);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain('upgrade-insecure-requests');
      // Every script the page loads is a same-origin file (no inline script, which the CSP would block).
      const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        expect(attributes).toMatch(/src="\.\/docs\/[\w.-]+\.js"/);
        expect(inline.trim()).toBe('');
        const src = /src="\.\/(docs\/[\w.-]+\.js)"/.exec(attributes)![1];
        expect((await app.inject({ method: 'GET', url: `/${src}` })).statusCode).toBe(200);
      }
    });
  });

  describe('body limit', () => {
    it('refuses a body over 16 KiB with a 413 problem', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/rtc/token',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ channel: 'room', padding: 'x'.repeat(16 * 1024) }),
      });

      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toEqual(plainProblem('/v1/rtc/token', 413, 'The request body is too large.'));
    });

    it('still reads a body just under the limit (then validates it)', async () => {
      const payload = JSON.stringify({ channel: 'room', padding: '' });
      const padded = JSON.stringify({ channel: 'room', padding: 'x'.repeat(16 * 1024 - payload.length) });
      expect(Buffer.byteLength(padded)).toBe(16 * 1024);

      const res = await app.inject({
        method: 'POST',
        url: '/v1/rtc/token',
        headers: { 'content-type': 'application/json' },
        payload: padded,
      });

      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: 'padding', message: 'property padding should not exist' }]);
    });
  });
});
