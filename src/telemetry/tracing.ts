import { register } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { BatchSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { traceSpansWith } from '../common/tracing/span-seam.js';
import { shutdownTimeLeft } from '../lifecycle/shutdown-deadline.js';
import type { AppTracing } from './app-tracing.interface.js';
import { SecretFreeExporter } from './exported-spans.js';
import { outboundInstrumentations } from './outbound-instrumentations.js';
import { instrumentRequests, requestInstrumentation } from './request-spans.js';
import { samplerOf } from './sampler.js';
import { spanRunner } from './span-runner.js';
import { traceResource } from './trace-resource.js';
import { activeTraceFields } from './trace-fields.js';
import { tracingConfig, type TracingConfig } from './tracing.config.js';
import { TracingWarnings } from './tracing-warnings.js';

/**
 * The longest the last batch may hold a shutdown, after the drain and the in-flight requests: well inside
 * SHUTDOWN_TIMEOUT_SECONDS' default of 10 s (which counts the drain too), so that a collector that is down,
 * slow or refusing costs spans, never the exit code. Spans not sent by then are dropped.
 */
export const SHUTDOWN_FLUSH_MS = 3_000;

function exporterOf(config: TracingConfig): SpanExporter {
  // Both read the endpoint, OTEL_EXPORTER_OTLP_HEADERS and the rest of their settings from the environment.
  const options = { timeoutMillis: config.exportTimeoutMs };
  return new SecretFreeExporter(config.protocol === 'http/json' ? new JsonExporter(options) : new ProtobufExporter(options));
}

/**
 * Starts exporting traces over OTLP/HTTP (protobuf, or JSON) to OTEL_EXPORTER_OTLP_ENDPOINT (`/v1/traces`
 * appended) or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT. main.ts imports this module, and so OpenTelemetry, only when
 * tracingRequested() says so, and before the app's modules load: ioredis is hooked as it is imported.
 * The request spans and log fields are applied by createApp; the exporter is flushed when the app closes.
 *
 * @example
 * const tracing = tracingRequested() ? (await import('./telemetry/tracing.js')).startTracing() : undefined;
 * const app = await createApp({ tracing });
 */
export function startTracing(env: NodeJS.ProcessEnv = process.env): AppTracing {
  const config = tracingConfig(env);
  const warnings = new TracingWarnings();
  warnings.install();
  // ioredis is CommonJS imported from ESM: only an ESM loader hook (import-in-the-middle) sees it load. Limited
  // to ioredis, so that no other module is wrapped. (fetch and Fastify need no hook: see their instrumentations.)
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: ['ioredis'] } });
  const provider = new TracerProvider({
    resource: traceResource(),
    sampler: samplerOf(config.sampler),
    spanProcessors: [
      new BatchSpanProcessor({ exporter: exporterOf(config), scheduledDelayMillis: config.batchDelayMs, exportTimeoutMillis: config.exportTimeoutMs }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const requests = requestInstrumentation();
  registerInstrumentations({ tracerProvider: provider, instrumentations: [requests, ...outboundInstrumentations()] });
  traceSpansWith(spanRunner(provider.getTracer('agora-token-service')));
  return {
    logFields: activeTraceFields,
    instrument(fastify) {
      warnings.attach(fastify.log);
      instrumentRequests(fastify, requests);
      // After the drain (the server closes once in-flight requests are answered): their spans are sent. It never
      // throws: a failed hook would make Nest skip the other shutdown steps and exit 1.
      fastify.addHook('onClose', () => flush(provider, warnings));
    },
  };
}

async function flush(provider: TracerProvider, warnings: TracingWarnings): Promise<void> {
  const bound = new AbortController();
  // At most 3 s, and never past what the shutdown's own deadline leaves (stalled connections may have used it).
  const timedOut = sleep(shutdownTimeLeft(SHUTDOWN_FLUSH_MS), undefined, { signal: bound.signal }).then(
    () => Promise.reject(new Error('Traces flush timed out')),
    () => undefined,
  );
  try {
    await Promise.race([provider.shutdown(), timedOut]);
  } catch (error) {
    warnings.flushFailed(error);
  } finally {
    bound.abort();
  }
}
