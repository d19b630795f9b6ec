import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AgoraTokenSigner } from '../src/agora/agora-token-signer.service.js';
import { postJson, validationProblem } from './support/http.js';
import { captureLogs, createTestApp } from './support/test-app.js';
import { TEST_APP_CERTIFICATE } from './support/test-credentials.js';

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
      problem(400, 'Bad Request', 'The request body is not valid JSON.'),
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
  it('answer a generic 500 problem with no message, stack or secret, and log the error with the request id', async () => {
    const secret = `failed while signing with ${TEST_APP_CERTIFICATE}`;
    const logs = captureLogs();
    const app = await createTestApp({}, { requestLogs: true, logStream: logs.stream });
    // Stands in for a fault deep inside signing; the pipeline around it is the real one.
    jest.spyOn(app.get(AgoraTokenSigner), 'sign').mockImplementation(() => {
      throw new Error(secret);
    });
    try {
      const response = await postJson(app, URL, { channel: 'r', uid: 1 }, { 'x-request-id': 'fault-42' });

      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toBe(PROBLEM_JSON);
      expect(response.json()).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred.',
        instance: URL,
        requestId: 'fault-42',
      });
      expect(response.body).not.toContain(TEST_APP_CERTIFICATE);
      const errorLine = logs.lines.find((line) => line.level === 'error');
      expect(errorLine).toMatchObject({ requestId: 'fault-42', msg: `Unhandled error on ${URL}` });
    } finally {
      await app.close();
    }
  });
});
