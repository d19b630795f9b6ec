import { afterAll, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { eventually } from './support/eventually.js';
import { OtlpReceiver } from './support/otlp-receiver.js';
import { secretsFoundIn } from './support/secret-encodings.js';
import { freePort, spawnTokenService, type RunningService } from './support/spawn-service.js';

/** The bound on the last flush (SHUTDOWN_FLUSH_MS in src/telemetry/tracing.ts), with room for a busy machine. */
const SHUTDOWN_WITHIN_MS = 3_000 + 2_500;
const HEADER_SECRET = 'otlp-header-secret-4b7d1e9c';
const URL_SECRET = 'otlp-url-secret-8e2a6f03';

/**
 * What an operator sees when the collector is not there, slow, or refusing: the built service answers as ever,
 * logs one fixed warning per kind of failure (never the endpoint, its credentials or the exporter's headers), and
 * a SIGTERM still runs every shutdown step and exits 0, within the flush's bound. And with no protocol set, the
 * OpenTelemetry default: OTLP/HTTP with protobuf.
 */
describe('Trace export to a collector that fails, and in the default protocol', () => {
  const running: RunningService[] = [];
  const receivers: OtlpReceiver[] = [];
  afterAll(async () => {
    running.forEach(({ child }) => child.exitCode === null && child.kill('SIGKILL'));
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });

  async function receiver(status?: number): Promise<OtlpReceiver> {
    const started = await OtlpReceiver.start({ status });
    receivers.push(started);
    return started;
  }

  /** The service tracing to `endpoint`, after one token request. */
  async function serviceTracingTo(endpoint: string, env: Record<string, string> = {}): Promise<RunningService & { port: number }> {
    const service = await spawnTokenService({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, ...env });
    running.push(service);
    return service;
  }

  /** SIGTERM; the exit code and how long the shutdown took. */
  async function stop(service: RunningService): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    service.child.kill('SIGTERM');
    const code = await service.exited;
    return { code, ms: Date.now() - started };
  }

  const warnings = (service: RunningService) =>
    service
      .output()
      .split('\n')
      .filter((line) => line.includes('"context":"Tracing"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('exits 0 within the flush bound, after every shutdown step, when the collector refuses, is down or answers 503', async () => {
    const unavailable = await receiver(503);
    const closed = `http://127.0.0.1:${await freePort()}`;
    const services = await Promise.all([serviceTracingTo(closed), serviceTracingTo(unavailable.url)]);
    const stopped = await Promise.all(services.map(stop));
    expect(stopped.map(({ code }) => code)).toEqual([0, 0]);
    for (const { ms } of stopped) expect(ms).toBeLessThan(SHUTDOWN_WITHIN_MS);
    for (const service of services) {
      // Nest ran the shutdown hooks after the flush failed, rather than "Error happened during shutdown".
      expect(service.output()).toContain('Shut down cleanly');
      expect(service.output()).not.toContain('Error happened during shutdown');
      expect(warnings(service).map(({ msg }) => msg)).toEqual(['Traces not flushed at shutdown: spans dropped']);
    }
    // The exporter retries a refused connection and a 503 for its own timeout (10 s): the flush's bound ends it first.
    expect(services.map((service) => warnings(service)[0].reason)).toEqual(['timeout', 'timeout']);
    expect(unavailable.exports.length).toBeGreaterThan(0);
  }, 40_000);

  it('still exits 0 when a stalled client used the shutdown’s time before the flush: the flush gets what is left', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    // Short timeouts keep the spec short; the flush then has less than its 3 s before the deadline.
    const service = await serviceTracingTo(closed, { SHUTDOWN_TIMEOUT_SECONDS: '4', HTTP_REQUEST_TIMEOUT_SECONDS: '60', OTEL_BSP_SCHEDULE_DELAY: '60000' });
    const stalled = connect(service.port, '127.0.0.1');
    stalled.on('error', () => undefined).on('data', () => undefined);
    // A body announced and never sent: the closing server waits for it until the shutdown cuts the connection.
    stalled.write('POST /v1/rtc/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    await new Promise((tick) => setTimeout(tick, 300));
    const { code, ms } = await stop(service);
    stalled.destroy();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(4_000 + 1_500);
    expect(service.output()).toContain('Shut down cleanly');
    expect(service.output()).not.toContain('exiting anyway');
    expect(warnings(service).map(({ msg }) => msg)).toEqual(['Traces not flushed at shutdown: spans dropped']);
  }, 40_000);

  it('logs a failed export once, as a warning with its status, never the endpoint, its credentials or the headers', async () => {
    const refusing = await receiver(401);
    const endpoint = refusing.url.replace('http://', `http://tracer:${URL_SECRET}@`);
    const service = await serviceTracingTo(endpoint, { OTEL_BSP_SCHEDULE_DELAY: '100', OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer ${HEADER_SECRET}` });
    await eventually(async () => warnings(service).length > 0, 100);
    expect(warnings(service)).toEqual([expect.objectContaining({ level: 'warn', msg: 'Trace export failed: spans dropped', reason: 'http-401' })]);
    // Not in any request's trace: the export ran on a timer, whichever request started it.
    expect(warnings(service)[0].traceId).toBeUndefined();
    expect(refusing.exports.length).toBeGreaterThan(0);
    const { code } = await stop(service);
    expect(code).toBe(0);
    const output = service.output();
    expect(secretsFoundIn(output, { HEADER_SECRET, URL_SECRET })).toEqual([]);
    expect(output).not.toContain(refusing.url.replace('http://', ''));
  }, 30_000);

  it('sends OTLP/HTTP protobuf when no protocol is set, the specification default', async () => {
    const collector = await receiver();
    const service = await serviceTracingTo(collector.url);
    expect((await stop(service)).code).toBe(0);
    expect(new Set(collector.paths)).toEqual(new Set(['POST /v1/traces application/x-protobuf']));
    const body = Buffer.concat(collector.exports.map((sent) => sent.body));
    expect(body.length).toBeGreaterThan(0);
    // Protobuf writes strings as their UTF-8 bytes: the span's name and the service's are there as written.
    expect(body.includes('POST /v1/rtc/token')).toBe(true);
    expect(body.includes('agora-token-service')).toBe(true);
    // A collector that takes the spans is no news: nothing is logged.
    expect(warnings(service)).toEqual([]);
  }, 30_000);
});
