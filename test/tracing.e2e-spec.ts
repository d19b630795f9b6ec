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
  const tokenTrace = callerTrace();
  const agoraTrace = callerTrace();
  const refusedTrace = callerTrace();
  let receiver: OtlpReceiver;
  let fake: FakeAgoraStreamKeys;
  let redis: RedisServer;
  let service: RunningService;
  let spansBeforeShutdown: number;
  let exitCode: number | null;
  const answers: { token?: string; tokenRequestId?: string; agoraRequestId?: string; status: number[] } = { status: [] };

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
      API_KEYS_FILE: writeApiKeysFile([{ id: 'backend', key }]),
      REDIS_URL: redis.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '60000',
    });
    await eventually(() => fetch(`${url}/health/ready`).then((r) => r.ok, () => false), 150);
    const post = (path: string, traceparent: string, body: object) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json', traceparent }, body: JSON.stringify(body) });

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
    // A key in a query string (as legacy clients send one) is no span's business.
    answers.status.push((await post(`/v1/rtc/token?key=${key}`, callerTrace().traceparent, { channel: 'stage', uid: 43 })).status);

    const refused = await fetch(`${url}/v1/rtc/token`, { method: 'POST', headers: { 'x-api-key': newApiKey(), traceparent: refusedTrace.traceparent } });
    answers.status.push(refused.status);

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
    expect(answers.status).toEqual([200, 201, 200, 401]);
    expect(decodeToken(answers.token!).appId).toBe(TEST_APP_ID);
    expect(spansBeforeShutdown).toBe(0);
    expect(exitCode).toBe(0);
    expect(new Set(receiver.paths)).toEqual(new Set(['POST /v1/traces application/json']));
    expect(receiver.spans().every((span) => span.resource['service.name'] === 'agora-token-service')).toBe(true);
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
    // The rate limit's count in Redis, hooked through the ESM loader: a command name, never its keys.
    const redisSpans = spans.filter((span) => span.attributes['db.system.name'] === 'redis');
    expect(redisSpans.length).toBeGreaterThan(0);
    expect(redisSpans.every((span) => span.parentSpanId === request.spanId && span.attributes['db.query.text'] === span.attributes['db.operation.name'])).toBe(true);
  });

  it('marks a refused request an error without a description: an error message is not the trace\'s to keep', () => {
    const request = named(inTrace(refusedTrace.traceId), 'POST /v1/rtc/token');
    expect(request).toEqual(expect.objectContaining({ statusCode: 2, statusMessage: undefined }));
    expect(request.attributes).toEqual(expect.objectContaining({ 'http.response.status_code': 401 }));
    expect(request.attributes['agora.caller.kind']).toBeUndefined();
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

  it('keeps no secret in any span, resource or event: no key, certificate, customer secret, token or query value', () => {
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
      }),
    ).toEqual([]);
    const queried = receiver.spans().filter((span) => span.attributes['http.route'] === '/v1/rtc/token' && ![tokenTrace.traceId, refusedTrace.traceId].includes(span.traceId));
    expect(queried.map((span) => span.attributes['url.path'])).toEqual(['/v1/rtc/token']);
  });
});
