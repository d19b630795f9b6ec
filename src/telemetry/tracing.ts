import { register } from 'node:module';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { traceSpansWith } from '../common/tracing/span-seam.js';
import type { AppTracing } from './app-tracing.interface.js';
import { SecretFreeExporter } from './exported-spans.js';
import { outboundInstrumentations } from './outbound-instrumentations.js';
import { instrumentRequests, requestInstrumentation } from './request-spans.js';
import { samplerOf } from './sampler.js';
import { spanRunner } from './span-runner.js';
import { traceResource } from './trace-resource.js';
import { activeTraceFields } from './trace-fields.js';
import { tracingConfig, type TracingConfig } from './tracing.config.js';

/** A shutdown must not wait on an unreachable collector past the drain: spans not sent by then are dropped. */
const EXPORT_TIMEOUT_MS = 5_000;

function batchOf(config: TracingConfig): BatchSpanProcessor {
  return new BatchSpanProcessor({ exporter: new SecretFreeExporter(new OTLPTraceExporter()), scheduledDelayMillis: config.batchDelayMs, exportTimeoutMillis: EXPORT_TIMEOUT_MS });
}

/**
 * Starts exporting traces over OTLP/HTTP (JSON) to OTEL_EXPORTER_OTLP_ENDPOINT (`/v1/traces` appended) or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT. main.ts imports this module, and so OpenTelemetry, only when
 * tracingRequested() says so, and before the app's modules load: ioredis is hooked as it is imported.
 * The request spans and log fields are applied by createApp; the exporter is flushed when the app closes.
 *
 * @example
 * const tracing = tracingRequested() ? (await import('./telemetry/tracing.js')).startTracing() : undefined;
 * const app = await createApp({ tracing });
 */
export function startTracing(env: NodeJS.ProcessEnv = process.env): AppTracing {
  const config = tracingConfig(env);
  // ioredis is CommonJS imported from ESM: only an ESM loader hook (import-in-the-middle) sees it load. Limited
  // to ioredis, so that no other module is wrapped. (fetch and Fastify need no hook: see their instrumentations.)
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: ['ioredis'] } });
  const provider = new TracerProvider({
    resource: traceResource(),
    sampler: samplerOf(config.sampler),
    spanProcessors: [batchOf(config)],
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
      instrumentRequests(fastify, requests);
      // After the drain (the server closes once in-flight requests are answered): their spans are sent.
      fastify.addHook('onClose', () => provider.shutdown());
    },
  };
}
