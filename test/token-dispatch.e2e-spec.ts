import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CallerGuard } from '../src/auth/caller.guard.js';
import { get, postJson } from './support/http.js';
import { createTestApp } from './support/test-app.js';

/**
 * The /v1 token endpoints are dispatched straight from Fastify (src/common/http/token-routes.ts), not through
 * Nest's router; the other routes keep Nest's pipeline. Behaviour is the same either way (the feature specs
 * pin it), so this pins the dispatch itself: Nest's guard never runs for a /v1 token request.
 */
describe('token endpoint dispatch', () => {
  let app: NestFastifyApplication;
  const guard = jest.spyOn(CallerGuard.prototype, 'canActivate');

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    guard.mockRestore();
    await app.close();
  });
  beforeEach(() => guard.mockClear());

  it.each([
    ['/v1/rtc/token', { channel: 'room' }],
    ['/v1/rtm/token', { userId: 'alice' }],
    ['/v1/chat/token', {}],
  ])('serves %s without Nest’s router', async (url, body) => {
    expect((await postJson(app, url, body)).statusCode).toBe(200);
    expect(guard).not.toHaveBeenCalled();
  });

  it('leaves the legacy routes on Nest’s router, guard included', async () => {
    expect((await get(app, '/access_token?channelName=room')).statusCode).toBe(200);
    expect(guard).toHaveBeenCalledTimes(1);
  });
});
