import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AgoraTokenSigner } from '../src/agora/agora-token-signer.service.js';
import { AppModule } from '../src/app.module.js';
import { postJson, validationProblem } from './support/http.js';
import { createTestApp, withEnv } from './support/test-app.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
const URL = '/v1/rtc/token';

/** Bad requests of every kind get a 4xx problem+json, on every token route. */
describe('bad input', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const problem = (status: number, title: string, detail: string, instance = URL) => ({
    type: 'about:blank',
    title,
    status,
    detail,
    instance,
    requestId: expect.any(String),
  });

  it.each(['/v1/rtc/token', '/v1/rtm/token', '/v1/chat/token'])('%s refuses a body that is not a JSON object', async (url) => {
    for (const body of [null, [], [{ channel: 'r' }], 'channel', 42, true]) {
      const response = await postJson(app, url, body);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toBe(PROBLEM_JSON);
      expect(response.json()).toEqual(
        validationProblem(url, [{ field: 'body', message: 'the request body must be a JSON object' }]),
      );
    }
  });

  it('refuses malformed JSON with a 400', async () => {
    const response = await app.inject({
      method: 'POST',
      url: URL,
      headers: { 'content-type': 'application/json' },
      payload: '{"channel": "r",',
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe(PROBLEM_JSON);
    expect(response.json()).toEqual(
      problem(400, 'Bad Request', "Body is not valid JSON but content-type is set to 'application/json'"),
    );
  });

  it('refuses an empty JSON body with a 400', async () => {
    const response = await app.inject({ method: 'POST', url: URL, headers: { 'content-type': 'application/json' } });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x'])(
    'refuses a %s body with a 415',
    async (contentType) => {
      const response = await app.inject({ method: 'POST', url: URL, headers: { 'content-type': contentType }, payload: 'channel=r' });

      expect(response.statusCode).toBe(415);
      expect(response.headers['content-type']).toBe(PROBLEM_JSON);
      expect(response.json()).toEqual(problem(415, 'Unsupported Media Type', 'Send the request body as application/json.'));
    },
  );

  it('accepts JSON with a charset parameter', async () => {
    const response = await app.inject({
      method: 'POST',
      url: URL,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: JSON.stringify({ channel: 'r' }),
    });

    expect(response.statusCode).toBe(200);
  });

  it('answers an unknown route or method with a 404 problem', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/v2/tokens?x=1' });
    const wrongMethod = await app.inject({ method: 'GET', url: URL });

    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe(PROBLEM_JSON);
    expect(unknown.json()).toEqual(problem(404, 'Not Found', 'Cannot GET /v2/tokens?x=1', '/v2/tokens'));
    expect(wrongMethod.statusCode).toBe(404);
  });
});

describe('internal errors', () => {
  it('answer a generic 500 problem with no message, stack or secret', async () => {
    const secret = `failed while signing with ${TEST_APP_CERTIFICATE}`;
    const moduleRef = await withEnv({ APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE }, () =>
      Test.createTestingModule({ imports: [AppModule] })
        // Stands in for a fault deep inside signing; the pipeline around it is the real one.
        .overrideProvider(AgoraTokenSigner)
        .useValue({
          sign: () => {
            throw new Error(secret);
          },
        })
        .compile(),
    );
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const response = await postJson(app, URL, { channel: 'r', uid: 1 });

      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toBe(PROBLEM_JSON);
      expect(response.json()).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred.',
        instance: URL,
        requestId: expect.any(String),
      });
      expect(response.body).not.toContain(TEST_APP_CERTIFICATE);
    } finally {
      await app.close();
    }
  });
});
