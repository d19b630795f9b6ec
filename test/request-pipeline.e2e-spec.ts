import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CallerGate } from '../src/auth/caller-gate.service.js';
import { RequestValidationPipe } from '../src/common/validation/request-validation.pipe.js';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { get, postJson } from './support/http.js';
import { createTestApp } from './support/test-app.js';

/**
 * One request pipeline for every route (docs/architecture.md): the caller step and the body step are
 * Fastify preHandler hooks that every route gets from its route config, whatever serves it. The feature
 * specs pin what each step answers; this pins that each runs exactly once, on /v1 and legacy routes alike,
 * and that open routes skip the caller step.
 */
describe('request pipeline (e2e)', () => {
  let app: NestFastifyApplication;
  const admit = jest.spyOn(CallerGate.prototype, 'admit');
  // The body step asks the pipe first whether the body passes as sent (the compiled check), then, only for a body
  // that does not, runs its transform(): that first question is the step.
  const validate = jest.spyOn(RequestValidationPipe.prototype, 'acceptedAsSent');

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    admit.mockRestore();
    validate.mockRestore();
    await app.close();
  });
  beforeEach(() => {
    admit.mockClear();
    validate.mockClear();
  });

  it.each([
    ['/v1/rtc/token', { channel: 'room' }],
    ['/v1/rtm/token', { userId: 'alice' }],
    ['/v1/chat/token', {}],
    ['/getToken', { tokenType: 'rtm', uid: 'alice' }],
    ['/rtctoken', { channel: 'room' }],
    ['/fetch_rtm_token', { uid: 'alice' }],
  ])('POST %s: the caller step once, then the body step once, then the handler', async (url, body) => {
    expect((await postJson(app, url, body)).statusCode).toBe(200);
    expect(admit).toHaveBeenCalledTimes(1);
    // The legacy issuer validates the /v1 request it maps to as well (see LegacyTokenIssuer).
    expect(validate.mock.calls[0]).toEqual([body, expect.objectContaining({ type: 'body' })]);
    expect(admit.mock.invocationCallOrder[0]).toBeLessThan(validate.mock.invocationCallOrder[0]);
  });

  it('refuses a body before the handler runs, with the caller already counted', async () => {
    const res = await postJson(app, '/v1/rtc/token', { channel: 'room', uid: '42' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-ratelimit-remaining']).toBeDefined();
    expect(admit).toHaveBeenCalledTimes(1);
  });

  it('runs the caller step on GET routes, and no body step', async () => {
    expect((await get(app, '/access_token?channelName=room')).statusCode).toBe(200);
    expect(admit).toHaveBeenCalledTimes(1);
    expect(validate.mock.calls.filter(([value]) => value === undefined)).toEqual([]);
  });

  it.each(['/health/live', '/ping', '/docs-json', '/docs/'])('skips the caller step on the open route %s', async (url) => {
    expect((await get(app, url)).statusCode).toBe(200);
    expect(admit).not.toHaveBeenCalled();
  });
});

describe('request pipeline with credentials required (e2e, AUTH_MODE=apikey)', () => {
  let app: NestFastifyApplication;
  const key = newApiKey();

  beforeAll(async () => {
    app = await createTestApp({
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([{ id: 'k', key }]),
      CORS_ALLOW_ORIGIN: 'https://app.example.com',
    });
  });
  afterAll(() => app.close());

  // Browsers send no credentials on a preflight: CORS answers it before the caller step would refuse it.
  it.each(['/v1/rtc/token', '/getToken'])('answers the CORS preflight of POST %s without credentials', async (url) => {
    const res = await app.inject({
      method: 'OPTIONS',
      url,
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });

  it('answers every problem, from any step, as not to be cached', async () => {
    const headers = { 'x-api-key': key, 'content-type': 'application/json' };
    const answers = [
      await app.inject({ method: 'POST', url: '/v1/rtc/token', headers: { 'content-type': 'application/json' }, payload: '{}' }), // caller step: 401
      await app.inject({ method: 'POST', url: '/v1/rtc/token', headers, payload: '{"channel":"room","uid":"42"}' }), // body step: 400
      await app.inject({ method: 'POST', url: '/getToken', headers, payload: '{"tokenType":"nope"}' }), // legacy body step: 400
      await app.inject({ method: 'POST', url: '/v1/rtc-rtm/token', headers, payload: '{"channel":"room","uid":0}' }), // handler: 400
      await app.inject({ method: 'POST', url: '/v1/rtc/token', headers, payload: '{"channel":' }), // parser: 400
      await app.inject({ method: 'GET', url: '/nowhere' }), // router: 404
    ];
    expect(answers.map((res) => [res.statusCode, res.headers['content-type'], res.headers['cache-control']])).toEqual([
      [401, expect.stringContaining('application/problem+json'), 'no-store'],
      [400, expect.stringContaining('application/problem+json'), 'no-store'],
      [400, expect.stringContaining('application/problem+json'), 'no-store'],
      [400, expect.stringContaining('application/problem+json'), 'no-store'],
      [400, expect.stringContaining('application/problem+json'), 'no-store'],
      [404, expect.stringContaining('application/problem+json'), 'no-store'],
    ]);
  });

  it('refuses the request itself without credentials, before reading its body', async () => {
    const res = await postJson(app, '/v1/rtc/token', { channel: 'room', uid: 'not a uid' });
    expect(res.statusCode).toBe(401);
  });
});
