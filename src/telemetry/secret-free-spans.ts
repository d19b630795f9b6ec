import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Runs before the exporter's processor: a span's status keeps its code (ERROR) but never a description.
 * Instrumentations describe an ERROR with the error's message (Fastify's for a refused request), and a
 * message is not the trace's to keep: it can quote input or an upstream answer. The span's name, route and
 * status code already say what failed.
 */
export class SecretFreeSpans implements SpanProcessor {
  onStart(_span: Span, _parent: Context): void {}

  onEnding(span: Span): void {
    if (span.status.message !== undefined) span.setStatus({ code: span.status.code });
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
