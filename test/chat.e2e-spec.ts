import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeToken } from './support/decode-token.js';
import { postJson, validationProblem } from './support/http.js';
import { createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const URL = '/v1/chat/token';

describe('POST /v1/chat/token', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp({ TOKEN_DEFAULT_EXPIRE_SECONDS: '1800' });
  });
  afterAll(() => app.close());

  it('issues a user token for userId, never cached', async () => {
    const response = await postJson(app, URL, { userId: 'alice', expireSeconds: 120 });
    const body = response.json();
    const token = decodeToken(body.token);

    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
    expect(token.expire).toBe(120);
    expect(token.chat).toEqual({ userId: 'alice', privileges: { user: 120 } });
    expect(body).toEqual({
      token: body.token,
      appId: TEST_APP_ID,
      project: 'default',
      kind: 'user',
      userId: 'alice',
      issuedAt: new Date(token.issueTs * 1000).toISOString(),
      expiresAt: new Date((token.issueTs + 120) * 1000).toISOString(),
      expireSeconds: 120,
    });
  });

  it('issues an app token without userId, with the configured default lifetime', async () => {
    const body = (await postJson(app, URL, {})).json();
    const token = decodeToken(body.token);

    expect(token.chat).toEqual({ userId: '', privileges: { app: 1800 } });
    expect(token.expire).toBe(1800);
    expect(body).toMatchObject({ kind: 'app', expireSeconds: 1800 });
    expect(body).not.toHaveProperty('userId');
  });

  it('treats a POST with no body at all as an app token request', async () => {
    const response = await app.inject({ method: 'POST', url: URL });

    expect(response.statusCode).toBe(200);
    expect(decodeToken(response.json().token).chat?.privileges).toEqual({ app: 1800 });
  });

  it('refuses an empty or over-long userId and unknown fields', async () => {
    const empty = await postJson(app, URL, { userId: '' });
    const long = await postJson(app, URL, { userId: 'x'.repeat(65), kind: 'app' });

    expect(empty.json()).toEqual(validationProblem(URL, [{ field: 'userId', message: 'userId must be 1 to 64 bytes' }]));
    expect(long.json()).toEqual(
      validationProblem(URL, [
        { field: 'kind', message: 'property kind should not exist' },
        { field: 'userId', message: 'userId must be 1 to 64 bytes' },
      ]),
    );
  });
});
