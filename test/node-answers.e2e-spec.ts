import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { expectSecurityHeaders, PROBLEM_JSON } from './support/problem-headers.js';
import { type RawResponse, exchange as sendOnNewConnection } from './support/raw-http.js';
import { createTestApp } from './support/test-app.js';

const RUNS = { numRuns: 25 };
const API_KEY = newApiKey();
const BODY = JSON.stringify({ channel: 'room', uid: 7 });

/** A caller-chosen X-Request-Id (safe, so echoed), or none. */
const sentId = fc.option(fc.stringMatching(/^[\w.:-]{1,40}$/), { nil: undefined });
const idHeader = (id: string | undefined) => (id === undefined ? '' : `X-Request-Id: ${id}\r\n`);
const path = fc.constantFrom('/v1/rtc/token', '/v1/rtm/token', '/getToken', '/rtc/room/publisher/uid/1/', '/ping', '/nowhere');
const method = fc.constantFrom('GET', 'POST');

/**
 * Requests Node's HTTP server used to answer itself with an empty body: an
 * HTTP/1.1 request without Host (400) and an Expect other than 100-continue
 * (417). They get the service's problem, with the request id and security
 * headers, over a real socket as a client sends them.
 */
describe("Node's own answers are problems too (e2e, real socket)", () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await createTestApp({ AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile([{ id: 'node-answers', key: API_KEY }]) });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  const exchange = (request: string) => sendOnNewConnection(port, request);

  function expectProblem(response: RawResponse, status: number, instance: string, id: string | undefined, detail: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe(PROBLEM_JSON);
    expectSecurityHeaders(response);
    const requestId = response.headers['x-request-id'];
    expect(requestId).toEqual(id ?? expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(JSON.parse(response.body)).toEqual({ type: 'about:blank', title: expect.any(String), status, detail, instance, requestId });
  }

  describe('an HTTP/1.1 request without Host', () => {
    const DETAIL = 'An HTTP/1.1 request must send a Host header.';

    it('gets a 400 problem with its request id, before its caller is checked or its body read', async () => {
      // With or without credentials, with a body that is valid, malformed or too large: the missing Host decides.
      const key = fc.constantFrom('', `X-API-Key: ${API_KEY}\r\n`, 'X-API-Key: wrong\r\n');
      const body = fc.constantFrom(BODY, '{"channel":', 'x'.repeat(20_000));
      await fc.assert(
        fc.asyncProperty(method, path, sentId, key, body, async (verb, target, id, credentials, content) => {
          const entity = verb === 'POST' ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(content)}\r\n\r\n${content}` : '\r\n';
          const response = await exchange(`${verb} ${target} HTTP/1.1\r\n${idHeader(id)}${credentials}${entity}`);

          expectProblem(response, 400, target, id, DETAIL);
        }),
        RUNS,
      );
    });

    it('still serves HTTP/1.0 without Host, and HTTP/1.1 with one', async () => {
      const [old, current] = await Promise.all([exchange('GET /ping HTTP/1.0\r\n\r\n'), exchange('GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]);

      expect([old.status, current.status]).toEqual([200, 200]);
    });
  });

  describe('a request whose Expect is not 100-continue', () => {
    const DETAIL = 'The only expectation this service meets is Expect: 100-continue.';
    /** Node treats any value naming 100-continue as that expectation. */
    const CONTINUE = /(?:^|\W)100-continue(?:$|\W)/i;
    const expectation = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9=.;-]{1,24}$/),
      fc.constantFrom('100-continuex', '200-continue', 'continue', '100', 'x100-continue'),
    ).filter((value) => !CONTINUE.test(value));

    it('gets a 417 problem with its request id, and the connection goes on serving', async () => {
      await fc.assert(
        fc.asyncProperty(method, path, sentId, expectation, async (verb, target, id, expect_) => {
          const entity = verb === 'POST' ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}` : '\r\n';
          const response = await exchange(`${verb} ${target} HTTP/1.1\r\nHost: x\r\n${idHeader(id)}Expect: ${expect_}\r\n${entity}`);

          expectProblem(response, 417, target, id, DETAIL);
          // The body sent with it was read and dropped: the next request on the connection is understood.
          response.connection.write('GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
          expect((await response.connection.response()).status).toBe(200);
        }),
        RUNS,
      );
    });

    it('still answers Expect: 100-continue with 100 Continue, then the token', async () => {
      const response = await exchange(
        `POST /v1/rtc/token HTTP/1.1\r\nHost: x\r\nX-API-Key: ${API_KEY}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(BODY)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
      );
      expect(response.status).toBe(100);
      response.connection.write(BODY);

      expect((await response.connection.response()).status).toBe(200);
    });
  });
});
