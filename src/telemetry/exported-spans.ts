import { SpanKind, SpanStatusCode, type Attributes, type SpanStatus } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/**
 * What leaves the process, decided in one place: the exporter every batch goes through. It rewrites each span
 * as the documentation promises (README "Traces (OpenTelemetry)", docs/security.md), whatever an
 * instrumentation recorded, through the SDK's public interfaces only (SpanExporter, ReadableSpan). The span in
 * memory is not touched: the SDK has no public way to reset a status to UNSET or remove an attribute, and an
 * exporter is where the specification lets a pipeline filter and reshape spans.
 *
 * - Paths. A server span's `url.path` is its route template (`/rtm/:uid`, never the user account in it), or
 *   absent when no route matched. An outbound call's `url.full` is its origin: Agora's paths hold the App ID and,
 *   for a stream-key query or delete, the key itself; `url.path` is left out (the parent `agora <api>` span names
 *   the API). A query keeps its names only.
 * - Status. A SERVER span is ERROR for a 5xx answer only: a 4xx is the caller's mistake, UNSET (HTTP semantic
 *   conventions). No status carries a description: it is an error's message, which can quote input or an answer.
 * - Events. None: the instrumentations record exceptions as events with their messages and stacks.
 * - Spans. @fastify/otel's `notFoundHandler` span is dropped: a 404 is one span, like every request.
 */
export class SecretFreeExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans.flatMap(secretFree), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/** `span` as it is exported, or none when it is not. */
export function secretFree(span: ReadableSpan): ReadableSpan[] {
  if (span.instrumentationScope.name === '@fastify/otel' && span.name.startsWith('notFoundHandler')) return [];
  return [
    {
      name: span.name,
      kind: span.kind,
      spanContext: () => span.spanContext(),
      parentSpanContext: span.parentSpanContext,
      startTime: span.startTime,
      endTime: span.endTime,
      status: statusOf(span),
      attributes: attributesOf(span),
      links: span.links,
      events: [],
      duration: span.duration,
      ended: span.ended,
      resource: span.resource,
      instrumentationScope: span.instrumentationScope,
      droppedAttributesCount: span.droppedAttributesCount,
      droppedEventsCount: span.droppedEventsCount + span.events.length,
      droppedLinksCount: span.droppedLinksCount,
    },
  ];
}

function statusOf({ kind, status, attributes }: ReadableSpan): SpanStatus {
  const answered = attributes['http.response.status_code'];
  if (kind === SpanKind.SERVER && typeof answered === 'number' && answered < 500) return { code: SpanStatusCode.UNSET };
  return { code: status.code };
}

function attributesOf({ kind, attributes }: ReadableSpan): Attributes {
  const kept = { ...attributes };
  if (kind === SpanKind.SERVER) {
    delete kept['url.path'];
    if (typeof attributes['http.route'] === 'string') kept['url.path'] = attributes['http.route'];
  } else if (kind === SpanKind.CLIENT && typeof attributes['url.full'] === 'string') {
    delete kept['url.path'];
    const url = urlOf(attributes['url.full']);
    kept['url.full'] = url?.origin ?? 'REDACTED';
    if (url?.search) kept['url.query'] = `?${[...url.searchParams.keys()].map((name) => `${encodeURIComponent(name)}=REDACTED`).join('&')}`;
    else delete kept['url.query'];
  }
  return kept;
}

function urlOf(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
