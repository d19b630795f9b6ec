/**
 * Where the service's own spans (signing, a logical Agora call) are opened, without importing OpenTelemetry:
 * with tracing off (OTEL_EXPORTER_OTLP_ENDPOINT unset) nothing of it is loaded, and `inSpan` is one call to
 * the work. src/telemetry installs a runner that opens real spans when tracing starts (see traceSpansWith).
 * Only names and attributes that can never hold a secret go through here: no token, key, certificate or body.
 */

/** An attribute value a span may carry. */
export type SpanValue = string | number | boolean;

/** What the work may note on its span while it runs (a no-op with tracing off). */
export interface SpanNotes {
  set(key: string, value: SpanValue): void;
}

/** A span's attributes, asked for only when a span is opened: with tracing off they are never built. */
export type SpanAttributes = () => Readonly<Record<string, SpanValue>>;

/** Runs `work` inside a span named `name` with `attributes`, ending it when the work (or its promise) ends. */
export type SpanRunner = <T>(name: string, attributes: SpanAttributes, work: (span: SpanNotes) => T) => T;

const NO_NOTES: SpanNotes = { set: () => undefined };
const untraced: SpanRunner = (_name, _attributes, work) => work(NO_NOTES);
let runner: SpanRunner = untraced;

/**
 * Runs `work` in a span, when tracing is on; otherwise just runs it.
 *
 * @example
 * const token = inSpan('agora.token.sign', () => ({ 'agora.token.format': '007' }), () => build());
 */
export function inSpan<T>(name: string, attributes: SpanAttributes, work: (span: SpanNotes) => T): T {
  return runner(name, attributes, work);
}

/** Installs the runner that opens real spans (src/telemetry, once, at start-up); undefined puts the no-op back. */
export function traceSpansWith(spans: SpanRunner | undefined): void {
  runner = spans ?? untraced;
}
