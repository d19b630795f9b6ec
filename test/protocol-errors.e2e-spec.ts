import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { expectSecurityHeaders, PROBLEM_JSON } from './support/problem-headers.js';
import { RawConnection, type RawResponse, exchange as sendOnNewConnection } from './support/raw-http.js';
import { createTestApp } from './support/test-app.js';

const RUNS = { numRuns: 25 };

/**
 * Errors raised before any route runs (the router refusing a path, CORS
 * refusing an OPTIONS request that is no preflight, Node's HTTP parser
 * refusing a request) get the same problem as every other error: over a real
 * socket, as a client sends them.
 */
describe('Every error is a problem (e2e, real socket)', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  const exchange = (request: string) => sendOnNewConnection(port, request);

  const get = (path: string, headers = '') => `GET ${path} HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`;

  /** A problem raised for a request the router saw: it carries the request's id, also in X-Request-Id. */
  function expectRequestProblem(response: RawResponse, status: number, instance: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe(PROBLEM_JSON);
    expectSecurityHeaders(response);
    expect(JSON.parse(response.body)).toEqual({
      type: 'about:blank',
      title: STATUS_CODES[status],
      status,
      detail: expect.any(String),
      instance,
      requestId: response.headers['x-request-id'],
    });
  }

  describe('a path the router refuses', () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEF');
    const notHex = fc.constantFrom(...'gGzZ-_.~!/xq');
    /**
     * %-escapes no decoder accepts: truncated or non-hex, or bytes that are not UTF-8 (a stray continuation byte,
     * a lead byte without its continuation, an overlong form, a surrogate, a byte past U+10FFFF's).
     */
    const badEscape = fc.oneof(
      fc.constant('%'),
      hex.map((digit) => `%${digit}`),
      fc.tuple(notHex, fc.oneof(hex, notHex)).map(([a, b]) => `%${a}${b}`),
      fc.tuple(hex, notHex).map(([a, b]) => `%${a}${b}`),
      fc.integer({ min: 0x80, max: 0xbf }).map(byte),
      fc.tuple(fc.integer({ min: 0xc2, max: 0xf4 }), fc.constantFrom('', '%41', '/x')).map(([lead, next]) => byte(lead) + next),
      fc.integer({ min: 0x80, max: 0xbf }).map((low) => `%C0${byte(low)}`),
      fc.integer({ min: 0xa0, max: 0xbf }).map((second) => `%ED${byte(second)}%80`),
      fc.integer({ min: 0xf5, max: 0xff }).map(byte),
    );
    const segment = fc.stringMatching(/^[a-z0-9]{0,6}$/);
    const route = fc.constantFrom(
      (seg: string) => `/rtc/${seg}/publisher/uid/1/`,
      (seg: string) => `/rtm/${seg}/`,
      (seg: string) => `/v1/rtc/token${seg}`,
      (seg: string) => `/${seg}`,
    );

    it('answers a malformed %-escape anywhere in the path with a 400 problem and the request id', async () => {
      await fc.assert(
        // What follows an escape starts with no hex digit, which could complete a truncated one.
        fc.asyncProperty(route, segment, badEscape, fc.stringMatching(/^[g-z][a-z0-9]{0,5}$|^$/), async (at, before, escape, after) => {
          const path = at(`${before}${escape}${after}`);
          const response = await exchange(get(path));

          expectRequestProblem(response, 400, path);
          expect(JSON.parse(response.body).detail).toBe('The request path is not valid percent-encoded UTF-8.');
        }),
        RUNS,
      );
    });

    it('echoes the caller-chosen request id in the problem', async () => {
      const response = await exchange(get('/rtc/%zz/publisher/uid/1/', 'X-Request-Id: bad-url-1\r\n'));

      expect(response.headers['x-request-id']).toBe('bad-url-1');
      expect(JSON.parse(response.body)).toMatchObject({ status: 400, requestId: 'bad-url-1' });
    });

    it('answers a path parameter longer than 1024 characters with a 414 problem', async () => {
      const name = fc.integer({ min: 1025, max: 12_000 }).map((length) => 'a'.repeat(length));
      const pattern = fc.constantFrom('/rtc/%s/publisher/uid/1/', '/rtm/%s/', '/rtc/room/publisher/userAccount/%s/');
      await fc.assert(
        fc.asyncProperty(pattern, name, async (at, long) => {
          const path = at.replace('%s', long);
          const response = await exchange(get(path));

          expectRequestProblem(response, 414, path);
          expect(JSON.parse(response.body).detail).toBe('A path parameter is longer than 1024 characters.');
        }),
        { numRuns: 15 },
      );
    });

    it('still routes a parameter of exactly 1024 characters', async () => {
      const response = await exchange(get(`/rtm/${'a'.repeat(1024)}/`));

      expect(response.status).not.toBe(414);
      expect(response.headers['content-type']).toMatch(/^application\/(problem\+)?json/);
    });
  });

  describe('an OPTIONS request that is not a CORS preflight', () => {
    const path = fc.constantFrom('/v1/rtc/token', '/v1/rtm/token', '/getToken', '/ping', '/nowhere', '/rtc/r/publisher/uid/1/');
    /** Origin and Access-Control-Request-Method: at least one missing. */
    const headers = fc.constantFrom('', 'Origin: https://app.example.com\r\n', 'Access-Control-Request-Method: POST\r\n');

    it('gets a 400 problem instead of text/plain', async () => {
      await fc.assert(
        fc.asyncProperty(path, headers, async (target, sent) => {
          const response = await exchange(`OPTIONS ${target} HTTP/1.1\r\nHost: x\r\n${sent}Connection: close\r\n\r\n`);

          expect(response.status).toBe(400);
          expect(response.headers['content-type']).toBe(PROBLEM_JSON);
          // @fastify/cors answers before the hook that sets them: the problem adds them.
          expectSecurityHeaders(response);
          expect(JSON.parse(response.body)).toEqual({
            type: 'about:blank',
            title: 'Bad Request',
            status: 400,
            detail: 'An OPTIONS request is a CORS preflight: send Origin and Access-Control-Request-Method.',
            instance: target,
            requestId: response.headers['x-request-id'],
          });
        }),
        RUNS,
      );
    });

    it('leaves a real preflight answered 204', async () => {
      const preflight = 'Origin: https://app.example.com\r\nAccess-Control-Request-Method: POST\r\n';
      const response = await exchange(`OPTIONS /v1/rtc/token HTTP/1.1\r\nHost: x\r\n${preflight}Connection: close\r\n\r\n`);

      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-methods']).toBe('GET, POST, PATCH, DELETE');
    });
  });

  describe('a request the HTTP parser refuses', () => {
    /** The problem written straight to the socket: no request yet, so no id and no instance; then the connection closes. */
    async function expectConnectionProblem(request: string, status: number): Promise<void> {
      const response = await exchange(request);

      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toBe(PROBLEM_JSON);
      expect(response.headers.connection).toBe('close');
      expectSecurityHeaders(response);
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
      expect(JSON.parse(response.body)).toEqual({
        type: 'about:blank',
        title: STATUS_CODES[status],
        status,
        detail: expect.any(String),
      });
      await response.connection.closed;
    }

    const post = (headers: string, body = '{}') =>
      `POST /v1/rtc/token HTTP/1.1\r\nHost: x\r\nX-API-Key: k\r\n${headers}\r\n${body}`;
    const length = fc.integer({ min: 0, max: 99 });
    const caseOf = fc.constantFrom((name: string) => name, (name: string) => name.toLowerCase(), (name: string) => name.toUpperCase());

    it('answers a duplicate Content-Length with a 400 problem', async () => {
      await fc.assert(
        fc.asyncProperty(length, length, caseOf, fc.constantFrom('', 'Content-Type: application/json\r\n'), async (a, b, spell, other) => {
          const name = spell('Content-Length');
          await expectConnectionProblem(post(`${name}: ${a}\r\n${other}${name}: ${b}\r\n`), 400);
        }),
        RUNS,
      );
    });

    it('answers Content-Length with Transfer-Encoding with a 400 problem', async () => {
      await fc.assert(
        fc.asyncProperty(length, caseOf, fc.boolean(), async (n, spell, teFirst) => {
          const [cl, te] = [`${spell('Content-Length')}: ${n}\r\n`, `${spell('Transfer-Encoding')}: chunked\r\n`];
          await expectConnectionProblem(post(teFirst ? te + cl : cl + te, '0\r\n\r\n'), 400);
        }),
        RUNS,
      );
    });

    it('answers headers over 16 KiB with a 431 problem', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 16_400, max: 40_000 }), async (count, total) => {
          const value = 'v'.repeat(Math.ceil(total / count));
          const headers = Array.from({ length: count }, (_, i) => `X-Filler-${i}: ${value}\r\n`).join('');
          await expectConnectionProblem(`GET /ping HTTP/1.1\r\nHost: x\r\n${headers}\r\n`, 431);
        }),
        { numRuns: 10 },
      );
    });

    it('answers a malformed request line or header with a 400 problem', async () => {
      const separator = fc.constantFrom('(', ')', '<', '>', '@', ',', ';', '"', '[', ']', '{', '}', '\t', ' ');
      const control = fc.integer({ min: 0, max: 31 }).filter((c) => c !== 9).map((c) => String.fromCharCode(c));
      const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
      const request = (line: string, header = '') => `${line}\r\nHost: x\r\n${header}\r\n`;
      const malformed = fc.oneof(
        // Request line: a method that is not a token or not upper case, a version other than HTTP/1.0 or 1.1,
        // a control character or space inside the target, a fourth part.
        fc.tuple(word, separator, word).map(([a, c, b]) => request(`${a.toUpperCase()}${c}${b.toUpperCase()} /ping HTTP/1.1`)),
        word.filter((w) => w !== w.toUpperCase()).map((method) => request(`${method.toLowerCase()} /ping HTTP/1.1`)),
        fc
          .constantFrom('HTTP/1.2', 'HTTP/3.0', 'HTTP/1', 'HTTP/x.y', 'HTTPS/1.1', 'HTTP/11', 'http/1.1')
          .map((version) => request(`GET /ping ${version}`)),
        fc.tuple(control, fc.constantFrom('/p', '/ping/', '/v1/rtc/token')).map(([c, at]) => request(`GET ${at}${c}x HTTP/1.1`)),
        word.map((extra) => request(`GET /ping HTTP/1.1 ${extra}`)),
        // Headers: a name that is not a token, a line without a colon, a control character in a value.
        fc.tuple(word, separator, word).map(([a, c, b]) => request('GET /ping HTTP/1.1', `${a}${c}${b}: 1\r\n`)),
        word.map((line) => request('GET /ping HTTP/1.1', `${line}\r\n`)),
        fc.tuple(word, control, word).map(([a, c, b]) => request('GET /ping HTTP/1.1', `X-Value: ${a}${c}${b}\r\n`)),
      );
      await fc.assert(
        fc.asyncProperty(malformed, (request) => expectConnectionProblem(request, 400)),
        RUNS,
      );
    });
  });
});

function byte(value: number): string {
  return `%${value.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * A path the router refuses is answered before @fastify/cors runs: the problem carries the CORS
 * headers the plugin gives every other answer, so a browser on an allowed origin can read it.
 */
describe('Router refusals readable from a browser (e2e, real socket)', () => {
  const ALLOWED = ['https://app.example.com', 'https://admin.example.com:8443'];
  /** Allowed origins, near misses (case, slash, port, scheme), other origins, and none. */
  const origin = fc.oneof(
    fc.constantFrom(...ALLOWED),
    fc.constantFrom(...ALLOWED).chain((allowed) =>
      fc.constantFrom(allowed.toUpperCase(), `${allowed}/`, `${allowed}:1`, allowed.replace('https:', 'http:')),
    ),
    fc.stringMatching(/^https?:\/\/[a-z0-9-]{1,12}(\.example\.com)?(:[1-9]\d{1,3})?$/),
    fc.constant(undefined),
  );
  const refused = fc.constantFrom('/rtc/%zz/publisher/uid/1/', '/v1/rtc/token%E0%A4', `/rtm/${'a'.repeat(1025)}/`);

  function corsHeadersOf(response: RawResponse): Record<string, string> {
    return Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.startsWith('access-control-') || name === 'vary'));
  }

  it.each([
    ['a list of origins', ALLOWED.join(',')],
    ['any origin', '*'],
  ])('with CORS_ALLOW_ORIGIN for %s, a 400 or 414 problem has the CORS headers of any other answer', async (_, setting) => {
    const app = await createTestApp({ CORS_ALLOW_ORIGIN: setting });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const exchange = async (request: string) => {
      const connection = await RawConnection.open(port);
      connection.write(request);
      return connection.response();
    };
    try {
      await fc.assert(
        fc.asyncProperty(origin, refused, async (from, path) => {
          const headers = `Host: x\r\n${from === undefined ? '' : `Origin: ${from}\r\n`}Connection: close\r\n\r\n`;
          const [problem, routed] = await Promise.all([exchange(`GET ${path} HTTP/1.1\r\n${headers}`), exchange(`GET /ping HTTP/1.1\r\n${headers}`)]);

          expect([400, 414]).toContain(problem.status);
          expect(problem.headers['content-type']).toBe(PROBLEM_JSON);
          expect(corsHeadersOf(problem)).toEqual(corsHeadersOf(routed));
          const allowed = setting === '*' ? '*' : from !== undefined && ALLOWED.includes(from) ? from : undefined;
          expect(problem.headers['access-control-allow-origin']).toBe(allowed);
          expect(problem.headers['access-control-expose-headers']).toBe('Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset');
        }),
        RUNS,
      );
    } finally {
      await app.close();
    }
  });
});
