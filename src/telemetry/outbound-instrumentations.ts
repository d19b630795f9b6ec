import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

/**
 * Client spans for what the service calls:
 * - global fetch (Agora's REST APIs, a JWKS): undici publishes each request on diagnostics_channel, so no
 *   module is hooked; the span carries the trace to the server in `traceparent`. Its URL is cut to the origin
 *   when exported (SecretFreeExporter): Agora's paths hold the App ID, and a stream key.
 * - ioredis (rate limits, resource owners): `db.query.text` is the command's name only, never its keys or values.
 */
export function outboundInstrumentations(): [UndiciInstrumentation, IORedisInstrumentation] {
  return [new UndiciInstrumentation(), new IORedisInstrumentation({ dbStatementSerializer: (command) => command })];
}
