import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventually } from './support/eventually.js';
import { OtlpReceiver } from './support/otlp-receiver.js';
import { freePort, spawnService, spawnTokenService, type RunningService } from './support/spawn-service.js';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from './support/test-credentials.js';

const PROBE = pathToFileURL(resolve('test/support/module-probe.mjs')).href;

/** The packages under node_modules whose modules a process loaded, from module-probe.mjs's list. */
function packagesIn(list: string, scope: RegExp): string[] {
  const names = list.split('\n').flatMap((line) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line)?.[1] ?? []);
  return [...new Set(names.filter((name) => scope.test(name)))].sort();
}

const TELEMETRY = /^(@opentelemetry\/|@fastify\/otel$|import-in-the-middle$|require-in-the-middle$)/;

/**
 * What tracing costs a service that does not use it: nothing. The built service runs with a probe that lists
 * every module the process loads, once without an OTLP endpoint and once with one.
 */
describe('Tracing at start-up', () => {
  const running: RunningService[] = [];
  const receivers: OtlpReceiver[] = [];
  afterAll(async () => {
    running.forEach(({ child }) => child.exitCode === null && child.kill('SIGKILL'));
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });

  /** Starts the service with the probe and `env`, answers one request, stops it; the packages it loaded. */
  async function loadedBy(env: Record<string, string>): Promise<string[]> {
    const list = join(mkdtempSync(join(tmpdir(), 'module-probe-')), 'modules.txt');
    const service = await spawnTokenService({ MODULE_PROBE_FILE: list, ...env, NODE_OPTIONS: `--import=${PROBE}` });
    running.push(service);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    return packagesIn(readFileSync(list, 'utf8'), TELEMETRY);
  }

  it('loads no OpenTelemetry SDK, exporter or instrumentation without OTEL_EXPORTER_OTLP_ENDPOINT, and does with it', async () => {
    const receiver = await OtlpReceiver.start();
    receivers.push(receiver);
    const [off, on] = await Promise.all([loadedBy({}), loadedBy({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })]);
    // prom-client's process metrics require the API (a no-op without an SDK) whether or not tracing is on.
    expect(off).toEqual(['@opentelemetry/api']);
    expect(on).toEqual(
      expect.arrayContaining(['@fastify/otel', '@opentelemetry/sdk-trace', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/instrumentation-undici', 'import-in-the-middle']),
    );
    expect(receiver.spans().map(({ name }) => name)).toEqual(expect.arrayContaining(['POST /v1/rtc/token', 'agora.token.sign']));
  }, 40_000);

  it('is off with OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none, the endpoint set or not', async () => {
    const off = await Promise.all([
      loadedBy({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_SDK_DISABLED: 'true' }),
      loadedBy({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_TRACES_EXPORTER: 'none' }),
    ]);
    expect(off).toEqual([['@opentelemetry/api'], ['@opentelemetry/api']]);
  }, 30_000);

  it('refuses to start on a malformed OpenTelemetry variable, naming it and never its value', async () => {
    const secret = 'otlp-credential-5f1e9a';
    const cases: Record<string, string>[] = [
      { OTEL_EXPORTER_OTLP_ENDPOINT: `collector:4318/${secret}` },
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' },
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_SAMPLER: `ratio-${secret}` },
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' },
    ];
    const services = cases.map((env) => spawnService({ APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE, ...env }));
    running.push(...services);
    const outputs = await Promise.all(services.map(async (service) => ({ code: await service.exited, output: service.output() })));
    expect(outputs.map(({ code }) => code)).toEqual([1, 1, 1, 1]);
    expect(outputs.map(({ output }) => /Start-up failed: Invalid configuration: (OTEL_\w+)/.exec(output)?.[1])).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
      'OTEL_TRACES_SAMPLER',
      'OTEL_TRACES_SAMPLER_ARG',
    ]);
    expect(outputs.map(({ output }) => output).join('\n')).not.toContain(secret);
    // A configuration error is its message alone: no stack, which would only point into the validation code.
    expect(outputs.map(({ output }) => output).join('\n')).not.toMatch(/^\s+at /m);
  }, 30_000);

  it('prints the stack of a start-up failure that is not a configuration error: where the bug or the broken environment is', async () => {
    const port = await freePort();
    const holder = spawnService({ PORT: String(port), HOST: '127.0.0.1', AUTH_MODE: 'none', APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE });
    running.push(holder);
    await eventually(() => fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.ok, () => false), 150);
    // The port is taken: listen fails with EADDRINUSE, after the dynamic imports of main.ts.
    const second = spawnService({ PORT: String(port), HOST: '127.0.0.1', AUTH_MODE: 'none', APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE });
    running.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/Start-up failed: Error: listen EADDRINUSE/);
    expect(second.output()).toMatch(/^\s+at .+/m);
    holder.child.kill('SIGTERM');
    expect(await holder.exited).toBe(0);
  }, 30_000);
});
