import { Redis } from 'ioredis';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { JwksServer } from './support/jwks-server.js';
import { RawConnection, untilRefused, type RawResponse } from './support/raw-http.js';
import { RedisServer } from './support/redis-server.js';
import { freePort, spawnService, type RunningService } from './support/spawn-service.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const IN_FLIGHT = 20;

/** The built service in its own process, and its JSON log lines as they come. */
class ServiceProcess {
  readonly lines: Record<string, unknown>[] = [];
  private readonly waiters: { text: string; resolve: () => void }[] = [];
  private readonly service: RunningService;

  constructor(env: Record<string, string>) {
    this.service = spawnService(env);
    createInterface({ input: this.service.child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as Record<string, unknown>;
      this.lines.push(line);
      for (const waiter of this.waiters.filter((w) => String(line.msg).includes(w.text))) waiter.resolve();
    });
  }

  get exited(): Promise<number | null> {
    return this.service.exited;
  }

  /** Resolves once a log line's message contains `text` (or already has). */
  logged(text: string): Promise<void> {
    if (this.lines.some((line) => String(line.msg).includes(text))) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ text, resolve }));
  }

  signal(signal: NodeJS.Signals): void {
    this.service.child.kill(signal);
  }

  /** Ends the process if a failed test left it running. */
  stop(): void {
    const { child } = this.service;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

const started: ServiceProcess[] = [];
const redisServers: RedisServer[] = [];

/** How many clients other than the asking one are connected to this Redis. */
async function clientsOf(redis: RedisServer): Promise<number> {
  const client = new Redis(redis.url, { lazyConnect: true });
  await client.connect();
  try {
    const list = String(await client.client('LIST'));
    return list.trim().split('\n').length - 1;
  } finally {
    client.disconnect();
  }
}
const API_KEY = newApiKey();

async function startService(port: number, env: Record<string, string>): Promise<ServiceProcess> {
  const service = new ServiceProcess({
    NODE_ENV: 'production',
    APP_ID: TEST_APP_ID,
    APP_CERTIFICATE: TEST_APP_CERTIFICATE,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    AUTH_MODE: 'apikey',
    API_KEYS_FILE: writeApiKeysFile([{ id: 'drain-test', key: API_KEY }]),
    ...env,
  });
  started.push(service);
  await service.logged('Server listening');
  return service;
}

/** POST /v1/rtc/token as raw HTTP/1.1: its head (asking for 100 Continue when `held`) and its body. */
function rtcTokenRequest(payload: unknown, held = false): { head: string; body: string } {
  const body = JSON.stringify(payload);
  const head =
    `POST /v1/rtc/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
    `X-API-Key: ${API_KEY}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${held ? 'Expect: 100-continue\r\n' : ''}\r\n`;
  return { head, body };
}

/**
 * A POST whose headers the server has accepted (it answered 100 Continue)
 * but whose body is held back: a request in flight for as long as we like.
 * Its connection stays open after the answer, as a keep-alive client keeps it.
 */
async function heldRequest(port: number, payload: unknown): Promise<{ connection: RawConnection; finish: () => Promise<RawResponse> }> {
  const connection = await RawConnection.open(port);
  const { head, body } = rtcTokenRequest(payload, true);
  connection.write(head);
  expect((await connection.response()).status).toBe(100);
  return {
    connection,
    finish: () => {
      connection.write(body);
      return connection.response();
    },
  };
}

/** A 200 carrying a token for this channel and uid that verifies. */
function expectToken(response: RawResponse, channel: string, uid: number): void {
  expect(response.status).toBe(200);
  const token = decodeToken(JSON.parse(response.body).token);
  expect(token.rtc).toMatchObject({ channel, uid: String(uid) });
  expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);
}

describe('Graceful shutdown (the built service in its own process)', () => {
  afterEach(async () => {
    started.splice(0).forEach((service) => service.stop());
    await Promise.all(redisServers.splice(0).map((redis) => redis.stop()));
  });

  it.each([
    ['SIGTERM', 'Redis'],
    ['SIGINT', 'in-memory'],
  ] as const)(
    'on %s (%s rate limits): readiness turns 503, the server stops accepting, every in-flight request completes, exit code 0',
    async (signal, limits) => {
      const port = await freePort();
      const redis = limits === 'Redis' ? await RedisServer.start() : undefined;
      redisServers.push(...(redis ? [redis] : []));
      const service = await startService(port, {
        // A drain long enough to ask readiness during it; the shutdown still has to end well within the timeout.
        SHUTDOWN_DRAIN_SECONDS: '2',
        SHUTDOWN_TIMEOUT_SECONDS: '10',
        ...(redis ? { REDIS_URL: redis.url } : {}),
      });
      const before = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(before.status).toBe(200);
      expect(((await before.json()) as { details: Record<string, unknown> }).details.rateLimitStore).toEqual({ status: 'up', store: redis ? 'redis' : 'memory' });
      const redisClients = redis && (await clientsOf(redis));
      expect(redisClients).toBe(redis ? 1 : undefined);

      const inFlight = await Promise.all(
        Array.from({ length: IN_FLIGHT }, (_, i) => heldRequest(port, { channel: 'drain', uid: i + 1 })),
      );

      service.signal(signal);
      await service.logged('readiness now answers 503');
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 503, instance: '/health/ready' });
      // The process still answers: liveness must not ask the orchestrator to restart it mid-drain.
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);

      await service.logged('Closing');
      await untilRefused(port);

      const responses = await Promise.all(inFlight.map((request) => request.finish()));
      responses.forEach((response, i) => {
        expectToken(response, 'drain', i + 1);
        // Told not to come back; the server closes the connection although the client keeps it open.
        expect(response.headers.connection).toBe('close');
      });
      await Promise.all(inFlight.map((request) => request.connection.closed));

      expect(await service.exited).toBe(0);
      // The service said goodbye to Redis rather than dropping the connection.
      if (redis) expect(await clientsOf(redis)).toBe(0);
      expect(service.lines).toContainEqual(expect.objectContaining({ msg: 'Shut down cleanly' }));
      const completed = service.lines.filter((line) => line.msg === 'request completed' && line.route === '/v1/rtc/token');
      expect(completed).toHaveLength(IN_FLIGHT);
    },
  );

  it('serves requests on open keep-alive connections while draining and after closing began, each with Connection: close', async () => {
    const port = await freePort();
    const service = await startService(port, { SHUTDOWN_DRAIN_SECONDS: '2', SHUTDOWN_TIMEOUT_SECONDS: '10' });
    const { head, body } = rtcTokenRequest({ channel: 'keep-alive', uid: 7 });
    const connections = await Promise.all([RawConnection.open(port), RawConnection.open(port), RawConnection.open(port)]);
    for (const connection of connections) {
      connection.write(head + body);
      const first = await connection.response();
      expectToken(first, 'keep-alive', 7);
      expect(first.headers.connection).toBe('keep-alive');
    }
    const [draining, closing, idle] = connections;
    // Idle keep-alive connections are closed when closing begins; one whose next request has begun to
    // arrive is not. Begun before the signal, so that it does not race the end of the drain.
    closing.write(head.slice(0, 20));

    service.signal('SIGTERM');
    await service.logged('readiness now answers 503');
    draining.write(head + body);
    const duringDrain = await draining.response();
    expectToken(duringDrain, 'keep-alive', 7);
    // The service's own Connection: close (Fastify adds none while the server is still open).
    expect(duringDrain.headers.connection).toBe('close');
    await draining.closed;

    await service.logged('Closing');
    await untilRefused(port);
    await idle.closed;
    closing.write(head.slice(20) + body);
    const afterClose = await closing.response();
    expectToken(afterClose, 'keep-alive', 7);
    // Fastify's, for a request routed once the server is closing (return503OnClosing off: served, not a 503).
    expect(afterClose.headers.connection).toBe('close');
    await closing.closed;

    expect(await service.exited).toBe(0);
  });

  // Node stops timing out slow clients once the server closes: a client stalled at the signal would hold the
  // shutdown until SHUTDOWN_TIMEOUT_SECONDS (exit 1) and then see the connection drop without an answer.
  it.each([
    ['one request timeout after closing', { HTTP_REQUEST_TIMEOUT_SECONDS: '3', HTTP_HEADERS_TIMEOUT_SECONDS: '2', SHUTDOWN_TIMEOUT_SECONDS: '10' }, 3],
    ['2 s before SHUTDOWN_TIMEOUT_SECONDS, when that comes first', { SHUTDOWN_TIMEOUT_SECONDS: '4' }, 2],
  ] as const)(
    'answers clients stalled at the signal with a 408 problem %s, serves in-flight requests, and exits 0',
    async (_, env, cutAfterSeconds) => {
      const port = await freePort();
      const service = await startService(port, { SHUTDOWN_DRAIN_SECONDS: '0', ...env });
      const { head } = rtcTokenRequest({ channel: 'stalled', uid: 3 });
      const [inBody, inHeaders] = await Promise.all([RawConnection.open(port), RawConnection.open(port)]);
      // Headers whole and one byte of the body (the request is routed and has an id); headers cut short.
      inBody.write(head.replace('\r\n\r\n', '\r\nX-Request-Id: stalled-body\r\n\r\n') + '{');
      inHeaders.write(head.slice(0, 40));
      const answers = [inBody.response(), inHeaders.response()];
      const inFlight = await heldRequest(port, { channel: 'in-flight', uid: 4 });

      const signalled = Date.now();
      service.signal('SIGTERM');
      await service.logged('Closing');
      await untilRefused(port);
      // A client that goes on sending is served as usual.
      expectToken(await inFlight.finish(), 'in-flight', 4);

      const [bodyStalled, headersStalled] = await Promise.all(answers);
      const answeredAfterMs = Date.now() - signalled;
      expect(bodyStalled.status).toBe(408);
      expect(bodyStalled.headers['x-request-id']).toBe('stalled-body');
      expect(JSON.parse(bodyStalled.body)).toEqual({
        type: 'about:blank',
        title: 'Request Timeout',
        status: 408,
        detail: 'The request was not received in time.',
        instance: '/v1/rtc/token',
        requestId: 'stalled-body',
      });
      expect(headersStalled.status).toBe(408);
      expect(JSON.parse(headersStalled.body)).not.toHaveProperty('requestId');
      for (const answer of [bodyStalled, headersStalled]) {
        expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        expect(answer.headers.connection).toBe('close');
      }
      expect(answeredAfterMs).toBeGreaterThanOrEqual(cutAfterSeconds * 1000 - 100);
      expect(answeredAfterMs).toBeLessThan(cutAfterSeconds * 1000 + 1000);
      await Promise.all([inBody.closed, inHeaders.closed]);

      expect(await service.exited).toBe(0);
      expect(service.lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/^Ended 2 connection\(s\) still open/) }));
      expect(service.lines).toContainEqual(expect.objectContaining({ msg: 'Shut down cleanly' }));
    },
  );

  it('leaves a request that arrived whole to finish across the cut: its own answer, not a 408', async () => {
    // A JWKS that never answers: the request is whole and waits on it until jose gives up (5 s), past the cut (2 s).
    const jwks = await JwksServer.start();
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = await freePort();
      const service = await startService(port, {
        ...jwks.env('jwt'),
        JWT_JWKS_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/jwks.json`,
        HTTP_REQUEST_TIMEOUT_SECONDS: '2',
        HTTP_HEADERS_TIMEOUT_SECONDS: '1',
        SHUTDOWN_TIMEOUT_SECONDS: '10',
      });
      const client = await RawConnection.open(port);
      const body = JSON.stringify({ channel: 'waiting' });
      client.write(
        `POST /v1/rtc/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Request-Id: whole-request\r\n` +
          `Authorization: Bearer ${await jwks.sign({ sub: 'alice' })}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      const answer = client.response();
      await new Promise((tick) => setTimeout(tick, 300));
      service.signal('SIGTERM');

      const response = await answer;
      // jose's JWKS timeout ends it: the service's own 503, for this request.
      expect(response.status).toBe(503);
      expect(JSON.parse(response.body)).toMatchObject({ status: 503, requestId: 'whole-request' });
      expect(await service.exited).toBe(0);
      expect(service.lines).not.toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/^Ended \d+ connection/) }));
    } finally {
      silent.closeAllConnections();
      silent.close();
      await jwks.stop();
    }
  });

  it('still exits 1 at SHUTDOWN_TIMEOUT_SECONDS when a connection outlasts it: a client that never closes its side', async () => {
    const port = await freePort();
    const service = await startService(port, { SHUTDOWN_TIMEOUT_SECONDS: '1' });
    // Half-open allowed: the client keeps its side open after the service's answer and close, for the whole linger.
    const client = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    await new Promise((resolve) => client.once('connect', resolve));
    client.on('error', () => undefined);
    client.write(rtcTokenRequest({ channel: 'stuck' }).head + '{');

    service.signal('SIGTERM');

    expect(await service.exited).toBe(1);
    expect(service.lines).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'Shutdown did not finish within 1 s: exiting anyway' }),
    );
    client.destroy();
  });
});
