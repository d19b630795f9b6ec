import type { FastifyInstance } from 'fastify';

/**
 * What the app factory asks of tracing, when main.ts started it (src/telemetry/tracing.ts). Only this type is
 * imported by the app: with tracing off, createApp gets none and no OpenTelemetry module is loaded.
 */
export interface AppTracing {
  /** Adds the request spans, and the request context the app's own spans and log lines see, to `fastify`. */
  instrument(fastify: FastifyInstance): void;
  /** The active trace's `traceId` and `spanId`, merged into every log line (a pino mixin); `{}` outside a trace. */
  logFields(): object;
}
