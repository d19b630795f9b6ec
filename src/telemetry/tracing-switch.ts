/**
 * Whether traces are exported: an OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), OTEL_SDK_DISABLED is not `true` and OTEL_TRACES_EXPORTER, when set, names `otlp` (`none`, or only
 * exporters this service does not have, switch it off).
 * main.ts asks this before anything else loads, so it imports nothing: with tracing off, no OpenTelemetry module
 * is ever loaded. Read from the real environment only: `.env` is loaded later, with the app's modules, too late to hook them.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const exporters = env.OTEL_TRACES_EXPORTER?.trim() ? env.OTEL_TRACES_EXPORTER.toLowerCase().split(',').map((name) => name.trim()) : ['otlp'];
  const off = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true' || !exporters.includes('otlp');
  return Boolean(endpoint) && !off;
}
