import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { SecretFreeExporter } from './exported-spans.js';

/** Ends one span made by the real SDK as `scope` would make it, and returns what the exporter behind ours got. */
function exported(scope: string, name: string, kind: SpanKind, attributes: Attributes, failure?: { message: string }): ReadableSpan[] {
  const sink = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: new SecretFreeExporter(sink) })] });
  const span = provider.getTracer(scope).startSpan(name, { kind, attributes });
  if (failure) {
    span.recordException(new Error(failure.message));
    span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
  }
  span.end();
  return sink.getFinishedSpans();
}

const segment = fc.stringMatching(/^[A-Za-z0-9_~-]{1,24}$/);

describe('SecretFreeExporter', () => {
  it("keeps only an outbound URL's origin and its query's names, whatever the path holds", () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(segment, segment), { maxLength: 3 }), (path, query) => {
        const search = query.length === 0 ? '' : `?${query.map(([name, value]) => `${name}=${value}`).join('&')}`;
        const full = `https://api.agora.io/${path.join('/')}${search}`;
        const [span] = exported('@opentelemetry/instrumentation-undici', 'GET', SpanKind.CLIENT, { 'url.full': full, 'url.path': `/${path.join('/')}`, 'url.query': search });
        expect(span.attributes['url.full']).toBe('https://api.agora.io');
        expect(span.attributes['url.path']).toBeUndefined();
        expect(span.attributes['url.query']).toBe(query.length === 0 ? undefined : `?${query.map(([name]) => `${name}=REDACTED`).join('&')}`);
      }),
    );
  });

  it("replaces a server span's url.path with its route template, or drops it without one", () => {
    fc.assert(
      fc.property(segment, (account) => {
        const [legacy] = exported('@fastify/otel', 'GET /rtm/:uid', SpanKind.SERVER, { 'url.path': `/rtm/${account}`, 'http.route': '/rtm/:uid' });
        expect(legacy.attributes['url.path']).toBe('/rtm/:uid');
        const [unrouted] = exported('@fastify/otel', 'GET', SpanKind.SERVER, { 'url.path': `/${account}` });
        expect(unrouted.attributes['url.path']).toBeUndefined();
      }),
    );
  });

  it('leaves a server span UNSET for any answer below 500 and ERROR from 500, never with a description or events', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), (status) => {
        const [span] = exported('@fastify/otel', 'POST /v1/rtc/token', SpanKind.SERVER, { 'http.response.status_code': status }, { message: 'quoted input' });
        expect(span.status).toEqual({ code: status < 500 ? SpanStatusCode.UNSET : SpanStatusCode.ERROR });
        expect(span.events).toEqual([]);
      }),
    );
    const [client] = exported('@opentelemetry/instrumentation-undici', 'GET', SpanKind.CLIENT, { 'url.full': 'https://api.agora.io/x' }, { message: 'socket hang up' });
    expect(client.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(client.events).toEqual([]);
    expect(client.droppedEventsCount).toBe(1);
  });

  it("drops @fastify/otel's notFoundHandler span, and no other", () => {
    expect(exported('@fastify/otel', 'notFoundHandler - fastify -> @fastify/cors', SpanKind.INTERNAL, {})).toEqual([]);
    expect(exported('agora-token-service', 'notFoundHandler', SpanKind.INTERNAL, {})).toHaveLength(1);
  });
});
