import { SpanStatusCode, context, type Span, type Tracer } from '@opentelemetry/api';
import type { SpanRunner } from '../common/tracing/span-seam.js';

/**
 * The runner behind common's inSpan with tracing on: a child span of the active one (the request's), active
 * while the work runs, ended when it returns or its promise settles. A failure sets the status ERROR and
 * `error.type` to the error's class name, never its message, which could quote an upstream answer.
 */
export function spanRunner(tracer: Tracer): SpanRunner {
  return (name, attributes, work) =>
    tracer.startActiveSpan(name, { attributes: attributes() }, context.active(), (span) => {
      const notes = { set: (key: string, value: string | number | boolean) => void span.setAttribute(key, value) };
      let result;
      try {
        result = work(notes);
      } catch (error) {
        fail(span, error);
        throw error;
      }
      if (!(result instanceof Promise)) {
        span.end();
        return result;
      }
      return result.then(
        (value: unknown) => {
          span.end();
          return value;
        },
        (error: unknown) => {
          fail(span, error);
          throw error;
        },
      ) as typeof result;
    });
}

function fail(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.setAttribute('error.type', error instanceof Error ? error.constructor.name : 'unknown');
  span.end();
}
