import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeIssued, fieldErrors, nowSeconds } from './support/legacy-tokens.js';
import { postJson } from './support/http.js';
import { createTestApp } from './support/test-app.js';

/** The route of Agora's Signaling (RTM) sample token server, answered by the /v1 RTM token service. */
describe('Signaling sample compatibility route: POST /fetch_rtm_token', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('answers {"token": …, "code": "200"} with an RTM login token for uid', async () => {
    const before = nowSeconds();
    // The sample's client sends this content type.
    const response = await app.inject({
      method: 'POST',
      url: '/fetch_rtm_token',
      payload: JSON.stringify({ uid: '1234' }),
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ token: expect.any(String), code: '200' });
    const decoded = decodeIssued(response.json().token, before);
    expect(decoded.expire).toBe(3600);
    expect(decoded.rtm).toEqual({ userId: '1234', privileges: { login: 3600 } });
    expect(decoded.serviceCount).toBe(1);
  });

  it('refuses a uid that is missing, not a string, or empty', async () => {
    expect(fieldErrors(await postJson(app, '/fetch_rtm_token', {})).map((e) => e.field)).toEqual(['uid']);
    expect(fieldErrors(await postJson(app, '/fetch_rtm_token', { uid: 1234 })).map((e) => e.field)).toEqual(['uid']);
    expect(fieldErrors(await postJson(app, '/fetch_rtm_token', { uid: '' }))).toEqual([
      { field: 'uid', message: 'uid must be 1 to 64 bytes' },
    ]);
  });

  it('reads the body as JSON whatever its media type, and refuses one that is not JSON with a 400 problem', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/fetch_rtm_token',
      payload: 'uid=1234',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
