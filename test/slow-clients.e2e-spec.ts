import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { RawConnection, type RawResponse } from './support/raw-http.js';
import { createTestApp } from './support/test-app.js';

const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
const KEEP_ALIVE_TIMEOUT_MS = 3000;
/** Node looks for expired requests once a second (see serverTimeoutOptions); plus scheduling slack. */
const SWEEP_MS = 1000 + 500;

const BODY = JSON.stringify({ channel: 'slow-room', uid: 7 });
const headOf = (requestId?: string) =>
  `POST /v1/rtc/token HTTP/1.1\r\nHost: x\r\n${requestId === undefined ? '' : `X-Request-Id: ${requestId}\r\n`}` +
  `Content-Type: application/json\r\nContent-Length: ${byteLength(BODY)}\r\n\r\n`;
const HEAD = headOf();

function byteLength(text: string): number {
  return Buffer.byteLength(text);
}

/**
 * A client that stalls (in its headers, in its body, or by trickling bytes)
 * no longer holds a connection for ever: it gets a 408 problem and the
 * connection closes once the configured timeout is past. Small timeouts here,
 * through the same variables an operator sets; the cases of each kind are
 * generated and run side by side, so the spec waits for each timeout once.
 */
describe('Slow clients (e2e, real socket)', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await createTestApp({
      HTTP_HEADERS_TIMEOUT_SECONDS: String(HEADERS_TIMEOUT_MS / 1000),
      HTTP_REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_MS / 1000),
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: String(KEEP_ALIVE_TIMEOUT_MS / 1000),
    });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  interface Outcome {
    response?: RawResponse;
    /** From the first byte sent (or the connection, if none) until the server closed the connection. */
    closedAfterMs: number;
  }

  /** Opens a connection, sends `parts` (each after its delay), and waits for the server to answer and close. */
  async function stall(parts: Array<[delayMs: number, text: string]>): Promise<Outcome> {
    const connection = await RawConnection.open(port);
    const started = Date.now();
    const response = connection.response().catch(() => undefined);
    let open = true;
    void (async () => {
      for (const [delay, text] of parts) {
        await sleep(delay);
        if (!open) return;
        connection.write(text);
      }
    })();
    await connection.closed;
    open = false;
    return { response: await response, closedAfterMs: Date.now() - started };
  }

  /**
   * A 408 problem, then the connection closed. Once the headers were whole (the body was late), the request was
   * routed: the problem names it (instance, request id, the caller's own when it sent a safe one), as every other
   * problem does; before that there is no request to name.
   */
  function expect408(outcome: Outcome, withinMs: number, routed?: { sentId?: string }): void {
    expect(outcome.response?.status).toBe(408);
    expect(outcome.response?.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(outcome.response?.headers.connection).toBe('close');
    const requestId = outcome.response?.headers['x-request-id'];
    expect(JSON.parse(outcome.response?.body ?? '{}')).toEqual({
      type: 'about:blank',
      title: 'Request Timeout',
      status: 408,
      detail: 'The request was not received in time.',
      ...(routed ? { instance: '/v1/rtc/token', requestId } : {}),
    });
    if (routed) expect(requestId).toEqual(routed.sentId ?? expect.stringMatching(/^[0-9a-f-]{36}$/));
    else expect(requestId).toBeUndefined();
    expect(outcome.closedAfterMs).toBeLessThan(withinMs + SWEEP_MS);
  }

  it('answers a client that sends its headers and stalls mid-body with a 408 problem naming the request, and closes the connection', async () => {
    const sentId = fc.option(fc.stringMatching(/^[\w.:-]{1,40}$/), { nil: undefined });
    const cuts = fc.sample(fc.tuple(fc.integer({ min: 0, max: byteLength(BODY) - 1 }), sentId), 6);
    const outcomes = await Promise.all(cuts.map(([cut, id]) => stall([[0, headOf(id) + BODY.slice(0, cut)]])));

    outcomes.forEach((outcome, i) => {
      expect408(outcome, REQUEST_TIMEOUT_MS, { sentId: cuts[i][1] });
      // The headers arrived in time: only the request timeout ends it.
      expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    });
  });

  it('closes a connection whose headers stall, also one that sent nothing at all', async () => {
    const cuts = fc.sample(fc.integer({ min: 1, max: HEAD.length - 3 }), 6);
    const outcomes = await Promise.all([stall([]), ...cuts.map((cut) => stall([[0, HEAD.slice(0, cut)]]))]);

    for (const outcome of outcomes) expect408(outcome, HEADERS_TIMEOUT_MS);
  });

  it('cuts a client that trickles its request a byte at a time, however steadily', async () => {
    // Slow enough that the body is not whole before the timeout is noticed, though a byte arrives well within it.
    const paces = fc.sample(fc.integer({ min: Math.ceil((REQUEST_TIMEOUT_MS + SWEEP_MS) / (byteLength(BODY) - 1)), max: 400 }), 4);
    const trickle = (pace: number, text: string) => [...text].map((char): [number, string] => [pace, char]);
    const [inHeaders, inBody] = await Promise.all([
      Promise.all(paces.map((pace) => stall(trickle(pace, HEAD.repeat(10))))),
      Promise.all(paces.map((pace) => stall([[0, HEAD], ...trickle(pace, BODY)]))),
    ]);

    for (const outcome of inHeaders) expect408(outcome, REQUEST_TIMEOUT_MS);
    for (const outcome of inBody) expect408(outcome, REQUEST_TIMEOUT_MS, {});
  });

  it('on a keep-alive connection, names the request that timed out, never the one answered before it', async () => {
    const late = (first: string, second: string, cut: (head: string) => string) => async (): Promise<Outcome> => {
      const connection = await RawConnection.open(port);
      connection.write(headOf(first) + BODY);
      expect((await connection.response()).status).toBe(200);
      const started = Date.now();
      const response = connection.response().catch(() => undefined);
      connection.write(cut(headOf(second)));
      await connection.closed;
      return { response: await response, closedAfterMs: Date.now() - started };
    };
    const [inHeaders, inBody] = await Promise.all([
      late('answered-1', 'late-headers', (head) => head.slice(0, head.length - 10))(),
      late('answered-2', 'late-body', (head) => head + BODY.slice(0, 5))(),
    ]);

    expect408(inHeaders, HEADERS_TIMEOUT_MS);
    expect408(inBody, REQUEST_TIMEOUT_MS, { sentId: 'late-body' });
  });

  it('keeps an idle keep-alive connection past the request timeouts, until the keep-alive timeout', async () => {
    const connection = await RawConnection.open(port);
    connection.write(HEAD + BODY);
    const first = await connection.response();
    const answered = Date.now();
    expect(first.status).toBe(200);
    expect(first.headers['keep-alive']).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);

    // Idle for longer than the request timeout: still open, and it serves the next request.
    await sleep(REQUEST_TIMEOUT_MS + 200);
    connection.write(HEAD + BODY);
    const second = await connection.response();
    const idleSince = Date.now();
    expect(second.status).toBe(200);

    await connection.closed;
    const idleMs = Date.now() - idleSince;
    expect(idleSince - answered).toBeGreaterThan(REQUEST_TIMEOUT_MS);
    expect(idleMs).toBeGreaterThanOrEqual(KEEP_ALIVE_TIMEOUT_MS - 100);
    expect(idleMs).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS + SWEEP_MS);
  });
});

describe('Slow-client timeouts by default', () => {
  it('give Node 30 s for a request, 10 s for its headers and 72 s for an idle keep-alive connection', async () => {
    const app = await createTestApp({
      HTTP_REQUEST_TIMEOUT_SECONDS: undefined,
      HTTP_HEADERS_TIMEOUT_SECONDS: undefined,
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: undefined,
    });
    try {
      const server = app.getHttpServer() as Server;
      expect({ request: server.requestTimeout, headers: server.headersTimeout, keepAlive: server.keepAliveTimeout }).toEqual({
        request: 30_000,
        headers: 10_000,
        keepAlive: 72_000,
      });
    } finally {
      await app.close();
    }
  });
});
