import { context, trace, type Span } from '@opentelemetry/api';

/** The ids a log line carries to find its trace: W3C hex, as trace backends search them. */
export type TraceFields = { traceId: string; spanId: string } | Record<string, never>;

/** The fields of `span`, or none. A new object each time: pino merges the line's own fields into a mixin's. */
export function traceFieldsOf(span: Span | undefined): TraceFields {
  if (span === undefined) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/**
 * The pino mixin with tracing on: the active span's ids on every line written inside a request's context
 * (request.log, Nest's Logger in services, the Agora client's attempt lines, problem logs).
 */
export function activeTraceFields(): TraceFields {
  return traceFieldsOf(trace.getSpan(context.active()));
}
