/**
 * Whether traces are exported: an OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), OTEL_SDK_DISABLED is not `true` and OTEL_TRACES_EXPORTER is not `none`.
 * main.ts asks this before anything else loads, so it imports nothing: with tracing off, no OpenTelemetry module
 * is ever loaded. Read from the real environment only: `.env` is loaded later, with the app's modules, too late to hook them.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const off = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true' || env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none';
  return Boolean(endpoint) && !off;
}
