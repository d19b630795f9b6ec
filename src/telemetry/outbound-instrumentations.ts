import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { UndiciInstrumentation, type UndiciRequest } from '@opentelemetry/instrumentation-undici';

/**
 * Client spans for what the service calls:
 * - global fetch (Agora's REST APIs, a JWKS): undici publishes each request on diagnostics_channel, so no
 *   module is hooked; the span carries the trace to the server in `traceparent`. Query values are left out
 *   (the path alone is kept): they are not the trace's to keep.
 * - ioredis (rate limits, resource owners): `db.query.text` is the command's name only, never its keys or values.
 */
export function outboundInstrumentations(): [UndiciInstrumentation, IORedisInstrumentation] {
  return [
    new UndiciInstrumentation({ startSpanHook: withoutQuery }),
    new IORedisInstrumentation({ dbStatementSerializer: (command) => command }),
  ];
}

function withoutQuery(request: UndiciRequest): Record<string, string> {
  const url = new URL(request.path, request.origin);
  const names = [...url.searchParams.keys()];
  url.search = '';
  return { 'url.full': url.toString(), 'url.query': names.length === 0 ? '' : `?${names.map((name) => `${name}=REDACTED`).join('&')}` };
}
