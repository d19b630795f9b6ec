import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { eventually } from './support/eventually.js';
import { FakeAgoraStreamKeys, STREAM_KEY_SECRETS, streamKeysEnv } from './support/fake-agora-stream-keys.js';
import { OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver.js';
import { RawConnection } from './support/raw-http.js';
import { RedisServer } from './support/redis-server.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { freePort, spawnService, type RunningService } from './support/spawn-service.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const SERVER = 2;
const CLIENT = 3;

/** A caller's trace: W3C ids drawn anew, and the `traceparent` that names its span as the parent. */
function callerTrace() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

/**
 * Traces as an operator gets them: the built service, run as a process with OTEL_EXPORTER_OTLP_ENDPOINT
 * pointing at an OTLP/HTTP receiver, Agora played by the fake and rate limits in a real Redis. A token request
 * and a stream-key creation (an Agora call) are made with the callers' traceparents, then the service is
 * stopped with SIGTERM: spans are batched for a minute, so only the shutdown's flush delivers them.
 */
describe('OpenTelemetry traces of the running service', () => {
  const key = newApiKey();
  const narrowKey = newApiKey();
  const burstKey = newApiKey();
  const account = 'agent-7f3a9c-private';
  const tokenTrace = callerTrace();
  const agoraTrace = callerTrace();
  /** One caller trace per answer whose span status the spec checks. */
  const statusTraces = Object.fromEntries([400, 401, 403, 404, 429, 500].map((status) => [status, callerTrace()]));
  const keyTraces = { get: callerTrace(), list: callerTrace(), remove: callerTrace(), legacy: callerTrace() };
  let receiver: OtlpReceiver;
  let fake: FakeAgoraStreamKeys;
  let redis: RedisServer;
  let service: RunningService;
  let spansBeforeShutdown: number;
  let exitCode: number | null;
  const answers: { token?: string; tokenRequestId?: string; agoraRequestId?: string; keyId?: string; status: number[] } = { status: [] };

  beforeAll(async () => {
    [receiver, fake, redis] = await Promise.all([OtlpReceiver.start(), FakeAgoraStreamKeys.start(), RedisServer.start()]);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    service = spawnService({
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_ID: TEST_APP_ID,
      APP_CERTIFICATE: TEST_APP_CERTIFICATE,
      ...streamKeysEnv(fake),
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([
        { id: 'backend', key },
        { id: 'narrow', key: narrowKey, channels: ['stage'] },
        { id: 'burst', key: burstKey },
      ]),
      REDIS_URL: redis.url,
      RATE_LIMIT_PER_MINUTE: '12',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      // JSON, for the spec to read (the default, protobuf, is proven in tracing-export.e2e-spec.ts).
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=tracing-spec',
      OTEL_BSP_SCHEDULE_DELAY: '60000',
    });
    await eventually(() => fetch(`${url}/health/ready`).then((r) => r.ok, () => false), 150);
    const send = (method: string, path: string, traceparent: string, body?: object, apiKey = key) =>
      fetch(`${url}${path}`, {
        method,
        headers: { 'x-api-key': apiKey, traceparent, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    const post = (path: string, traceparent: string, body: object) => send('POST', path, traceparent, body);

    const token = await post('/v1/rtc/token', tokenTrace.traceparent, { channel: 'stage', uid: 42 });
    answers.status.push(token.status);
    answers.token = ((await token.json()) as { token: string }).token;
    answers.tokenRequestId = token.headers.get('x-request-id') ?? undefined;
    // The body comes after the headers, as from a slow client: the request's context must survive the wait.
    const body = JSON.stringify({ channel: 'live-stage', uid: 4242, expiresAfterSeconds: 3600 });
    const connection = await RawConnection.open(port);
    connection.write(
      `POST /v1/stream-keys HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\nx-api-key: ${key}\r\n` +
        `traceparent: ${agoraTrace.traceparent}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
    );
    await sleep(200);
    connection.write(body);
    const created = await connection.response();
    answers.status.push(created.status);
    answers.agoraRequestId = created.headers['x-request-id'];
    answers.keyId = (JSON.parse(created.body) as { id: string }).id;
    // A key in a query string (as legacy clients send one) is no span's business.
    answers.status.push((await post(`/v1/rtc/token?key=${key}`, callerTrace().traceparent, { channel: 'stage', uid: 43 })).status);
    // The stream key is a path segment of Agora's query and delete; the service's id is one of its own paths.
    answers.status.push((await send('GET', `/v1/stream-keys/${answers.keyId}`, keyTraces.get.traceparent)).status);
    answers.status.push((await send('GET', '/v1/stream-keys?channel=live-stage', keyTraces.list.traceparent)).status);
    // A user account is a path segment of the legacy routes.
    answers.status.push((await send('GET', `/rtm/${account}`, keyTraces.legacy.traceparent)).status);

    // 4xx answers, each the caller's doing, and a 5xx: Agora's connection breaks on every attempt.
    answers.status.push((await post('/v1/rtc/token', statusTraces[400].traceparent, { channel: '' })).status);
    answers.status.push((await send('POST', '/v1/rtc/token', statusTraces[401].traceparent, undefined, newApiKey())).status);
    answers.status.push((await send('POST', '/v1/rtc/token', statusTraces[403].traceparent, { channel: 'backstage', uid: 1 }, narrowKey)).status);
    answers.status.push((await send('GET', '/v1/no-such-route', statusTraces[404].traceparent)).status);
    for (let request = 0; request < 12; request++) await send('POST', '/v1/rtc/token', callerTrace().traceparent, { channel: 'stage', uid: 1 }, burstKey);
    answers.status.push((await send('POST', '/v1/rtc/token', statusTraces[429].traceparent, { channel: 'stage', uid: 1 }, burstKey)).status);
    fake.on('query', { destroy: true });
    answers.status.push((await send('GET', `/v1/stream-keys/${answers.keyId}`, statusTraces[500].traceparent)).status);
    answers.status.push((await send('DELETE', `/v1/stream-keys/${answers.keyId}`, keyTraces.remove.traceparent)).status);

    spansBeforeShutdown = receiver.spans().length;
    service.child.kill('SIGTERM');
    exitCode = await service.exited;
  }, 45_000);

  afterAll(async () => {
    if (service?.child.exitCode === null) service.child.kill('SIGKILL');
    await Promise.all([receiver?.close(), fake?.close(), redis?.stop()]);
  });

  const inTrace = (traceId: string) => receiver.spans().filter((span) => span.traceId === traceId);
  const named = (spans: ReceivedSpan[], name: string) => {
    const found = spans.filter((span) => span.name === name);
    expect(found.map(({ name }) => name)).toEqual([name]);
    return found[0];
  };

  it('answers as without tracing, and sends the spans at shutdown, to /v1/traces as JSON', () => {
    expect(answers.status).toEqual([200, 201, 200, 200, 200, 200, 400, 401, 403, 404, 429, 502, 200]);
    expect(decodeToken(answers.token!).appId).toBe(TEST_APP_ID);
    expect(spansBeforeShutdown).toBe(0);
    expect(exitCode).toBe(0);
    expect(new Set(receiver.paths)).toEqual(new Set(['POST /v1/traces application/json']));
  });

  it('describes the process: the service name, OTEL_RESOURCE_ATTRIBUTES and the SDK', () => {
    const resources = new Set(receiver.spans().map(({ resource }) => JSON.stringify(resource)));
    expect([...resources].map((resource) => JSON.parse(resource) as object)).toEqual([
      expect.objectContaining({
        'service.name': 'agora-token-service',
        'deployment.environment.name': 'tracing-spec',
        'telemetry.sdk.name': 'opentelemetry',
        'telemetry.sdk.language': 'nodejs',
      }),
    ]);
  });

  it("makes a token request one server span under the caller's, with its route, status and caller kind, and signing its child", () => {
    const spans = inTrace(tokenTrace.traceId);
    const request = named(spans, 'POST /v1/rtc/token');
    expect(request).toEqual(expect.objectContaining({ kind: SERVER, parentSpanId: tokenTrace.spanId }));
    expect(request.attributes).toEqual(
      expect.objectContaining({
        'http.route': '/v1/rtc/token',
        'http.request.method': 'POST',
        'http.response.status_code': 200,
        'url.path': '/v1/rtc/token',
        'agora.caller.kind': 'apikey',
        'agora.project': 'default',
      }),
    );
    const signing = named(spans, 'agora.token.sign');
    expect(signing.parentSpanId).toBe(request.spanId);
    expect(signing.attributes).toEqual({ 'agora.project': 'default', 'agora.token.format': '007', 'agora.token.services': 'rtc', 'agora.token.expire_seconds': 3600 });
    // The rate limit's count in Redis, hooked through the ESM loader: a command name, never its keys. (Auto-pipelined,
    // so the operation is named `PIPELINE evalsha`; the query text is still the command alone.)
    const redisSpans = spans.filter((span) => span.attributes['db.system.name'] === 'redis');
    expect(redisSpans.length).toBeGreaterThan(0);
    expect(redisSpans.every((span) => span.parentSpanId === request.spanId && span.attributes['db.query.text'] === span.name)).toBe(true);
    expect(redisSpans.map((span) => span.attributes['db.query.text'])).toContain('evalsha');
  });

  it('leaves a 4xx request span UNSET (the caller\'s mistake) and marks a 5xx an error; no status has a description', () => {
    const statusOf = (status: number) => {
      const spans = inTrace(statusTraces[status].traceId).filter((span) => span.kind === SERVER);
      expect(spans).toHaveLength(1);
      expect(spans[0].attributes['http.response.status_code']).toBe(status === 500 ? 502 : status);
      return spans[0].statusCode;
    };
    expect([400, 401, 403, 404, 429, 500].map(statusOf)).toEqual([0, 0, 0, 0, 0, 2]);
    expect(receiver.spans().filter((span) => span.statusMessage !== undefined)).toEqual([]);
    expect(named(inTrace(statusTraces[401].traceId), 'POST /v1/rtc/token').attributes['agora.caller.kind']).toBeUndefined();
  });

  it('makes a 404 one span, as every request, and no span carries events (exceptions with their messages and stacks)', () => {
    expect(inTrace(statusTraces[404].traceId).map(({ name, kind }) => ({ name, kind }))).toEqual([{ name: 'GET', kind: SERVER }]);
    // The broken Agora connection's attempts are the client spans that would have recorded an exception.
    expect(inTrace(statusTraces[500].traceId).filter((span) => span.kind === CLIENT && span.attributes['error.type'] !== undefined).length).toBeGreaterThan(0);
    expect(receiver.spans().filter((span) => span.events > 0)).toEqual([]);
  });

  it("puts the route template in a server span's url.path, never a path parameter (a user account, a key's id)", () => {
    const pathOf = (trace: { traceId: string }) => inTrace(trace.traceId).find((span) => span.kind === SERVER)?.attributes['url.path'];
    expect([keyTraces.get, keyTraces.remove, keyTraces.legacy, statusTraces[404]].map(pathOf)).toEqual(['/v1/stream-keys/:id', '/v1/stream-keys/:id', '/rtm/:uid', undefined]);
  });

  it("keeps only the origin of Agora's URLs, which hold the App ID and, to query or delete it, the stream key", () => {
    const attempts = receiver.spans().filter((span) => span.kind === CLIENT && span.attributes['url.full'] !== undefined);
    expect(new Set(attempts.map((span) => span.attributes['url.full']))).toEqual(new Set([fake.url]));
    expect(attempts.filter((span) => span.attributes['url.path'] !== undefined)).toEqual([]);
    expect(new Set(attempts.map(({ name }) => name))).toEqual(new Set(['POST', 'GET', 'DELETE']));
  });

  it('makes an Agora call a span of the request, its attempt a client span that carries the trace to Agora', () => {
    const spans = inTrace(agoraTrace.traceId);
    const request = named(spans, 'POST /v1/stream-keys');
    expect(request).toEqual(expect.objectContaining({ kind: SERVER, parentSpanId: agoraTrace.spanId }));
    expect(request.attributes).toEqual(expect.objectContaining({ 'http.route': '/v1/stream-keys', 'http.response.status_code': 201, 'agora.caller.kind': 'apikey' }));
    const call = named(spans, 'agora stream-keys.create');
    expect(call.parentSpanId).toBe(request.spanId);
    expect(call.attributes).toEqual({ 'agora.api': 'stream-keys.create', 'http.request.method': 'POST', 'agora.project': 'default', 'agora.attempts': 1, 'agora.outcome': 'ok' });
    const attempt = named(spans, 'POST');
    expect(attempt).toEqual(expect.objectContaining({ kind: CLIENT, parentSpanId: call.spanId }));
    expect(attempt.attributes).toEqual(expect.objectContaining({ 'http.response.status_code': 200, 'server.address': '127.0.0.1' }));
    const [received] = fake.requests('create');
    expect(received.headers.traceparent).toBe(`00-${agoraTrace.traceId}-${attempt.spanId}-01`);
  });

  it("writes the request's trace id on every line of the request, the Agora client's attempt line included", () => {
    const lines = service
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const [requestId, traceId] of [
      [answers.tokenRequestId, tokenTrace.traceId],
      [answers.agoraRequestId, agoraTrace.traceId],
    ]) {
      const ofRequest = lines.filter((line) => line.requestId === requestId || String(line.msg).includes(`(request ${requestId})`));
      expect(ofRequest.map(({ msg }) => msg)).toEqual(expect.arrayContaining(['request completed']));
      expect(ofRequest.every((line) => line.traceId === traceId)).toBe(true);
    }
    const attemptLine = lines.find((line) => String(line.msg).startsWith('stream-keys.create: POST'));
    expect(attemptLine).toEqual(expect.objectContaining({ context: 'AgoraRest', traceId: agoraTrace.traceId }));
  });

  it('keeps no secret in any span, resource or event: no key, certificate, customer secret, token, stream key, App ID, path parameter or query value', () => {
    const everything = receiver.bodies.join('\n');
    const authorization = `Basic ${Buffer.from(`${STREAM_KEY_SECRETS.customerId}:${STREAM_KEY_SECRETS.customerSecret}`).toString('base64')}`;
    const [streamKey] = fake.keys.keys();
    expect(
      secretsFoundIn(everything, {
        key,
        certificate: TEST_APP_CERTIFICATE,
        customerSecret: STREAM_KEY_SECRETS.customerSecret,
        authorization,
        token: answers.token!,
        streamKey,
        appId: TEST_APP_ID,
        keyId: answers.keyId!,
        account,
      }),
    ).toEqual([]);
    const queried = receiver.spans().filter((span) => span.attributes['http.route'] === '/v1/rtc/token' && span.attributes['url.path'] !== '/v1/rtc/token');
    expect(queried).toEqual([]);
  });
});
