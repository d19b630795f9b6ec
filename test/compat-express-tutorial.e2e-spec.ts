import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeIssued, fieldErrors, nowSeconds, publisher, subscriber } from './support/legacy-tokens.js';
import { postJson } from './support/http.js';
import { createTestApp } from './support/test-app.js';

/** The routes of the Express "POST token server" tutorial, answered by the /v1 token services. */
describe('Express tutorial compatibility routes', () => {
  let app: NestFastifyApplication;
  let before: number;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());
  beforeEach(() => {
    before = nowSeconds();
  });

  describe('POST /rtctoken', () => {
    it('returns a server-chosen non-zero uid and a publisher token signed for it', async () => {
      const response = await postJson(app, '/rtctoken', { isPublisher: true, channel: 'room' });

      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const { uid, token } = response.json();
      expect(Object.keys(response.json()).sort()).toEqual(['token', 'uid']);
      expect(Number.isInteger(uid)).toBe(true);
      expect(uid).toBeGreaterThanOrEqual(1);
      expect(uid).toBeLessThanOrEqual(4_294_967_295);
      const decoded = decodeIssued(token, before);
      expect(decoded.expire).toBe(3600);
      expect(decoded.rtc).toEqual({ channel: 'room', uid: String(uid), privileges: publisher(3600) });
    });

    it('issues a subscriber token when isPublisher is false or missing', async () => {
      for (const body of [{ isPublisher: false, channel: 'room' }, { channel: 'room' }]) {
        const response = await postJson(app, '/rtctoken', body);
        const decoded = decodeIssued(response.json().token, before);
        expect(decoded.rtc).toEqual({ channel: 'room', uid: String(response.json().uid), privileges: subscriber(3600) });
      }
    });

    it('refuses a missing or invalid channel and a non-boolean isPublisher', async () => {
      expect(fieldErrors(await postJson(app, '/rtctoken', { isPublisher: true })).map((e) => e.field)).toContain('channel');
      expect(fieldErrors(await postJson(app, '/rtctoken', { channel: 'c'.repeat(64) })).map((e) => e.field)).toEqual(['channel']);
      expect(fieldErrors(await postJson(app, '/rtctoken', { channel: 'room', isPublisher: 'yes' })).map((e) => e.field)).toEqual([
        'isPublisher',
      ]);
    });
  });

  describe('POST /rtmtoken', () => {
    it('issues an RTM login token for user', async () => {
      const response = await postJson(app, '/rtmtoken', { user: 'alice' });

      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(Object.keys(response.json())).toEqual(['token']);
      const decoded = decodeIssued(response.json().token, before);
      expect(decoded.expire).toBe(3600);
      expect(decoded.rtm).toEqual({ userId: 'alice', privileges: { login: 3600 } });
      expect(decoded.serviceCount).toBe(1);
    });

    it('refuses a missing, empty or over-long user, naming user', async () => {
      expect(fieldErrors(await postJson(app, '/rtmtoken', {})).map((e) => e.field)).toEqual(['user']);
      expect(fieldErrors(await postJson(app, '/rtmtoken', { user: '' }))).toEqual([
        { field: 'user', message: 'user must be 1 to 64 bytes' },
      ]);
      expect(fieldErrors(await postJson(app, '/rtmtoken', { user: 'u'.repeat(65) })).map((e) => e.field)).toEqual(['user']);
    });
  });
});
