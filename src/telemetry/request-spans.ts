import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { projectOf, recordTrace, subjectOf } from '../common/logging/request-record.js';
import { traceFieldsOf } from './trace-fields.js';

/**
 * The request spans, from @fastify/otel (the Fastify team's instrumentation; the OpenTelemetry one is
 * deprecated): one SERVER span per request, a child of the caller's `traceparent` when it sent one. Only that
 * span: no span per hook or handler (a token request would make a dozen), and no exception events (an
 * error's message is the app's business, not the trace's); none for health probes and metric scrapes.
 */
export function requestInstrumentation(): FastifyOtelInstrumentation {
  return new FastifyOtelInstrumentation({
    instrumentHooks: false,
    instrumentHandler: false,
    recordExceptions: false,
    requestHook: describeRequest,
    ignorePaths: ({ url }) => UNTRACED.test(url),
  });
}

/** Probes and scrapes: every few seconds from every replica, a trace each would bury the requests that matter. */
const UNTRACED = /^\/(health|metrics)(\/|\?|$)/;

/**
 * Applies the request spans to `fastify` before any route exists, and adds what @fastify/otel leaves to the
 * app: the caller's kind and the project, once the caller gate and the handler found them. The request's
 * context, entered by @fastify/otel's onRequest hook, lasts through the body's arrival to the handler, so
 * the signing and Agora spans, and the log lines, under it belong to the request (the tracing spec sends a
 * body late to prove it).
 */
export function instrumentRequests(fastify: FastifyInstance, instrumentation: FastifyOtelInstrumentation): void {
  // Applied at once to the root instance, as @fastify/otel itself does for registerOnInitialization: a plugin
  // given to fastify.register would load at ready(), after Nest added its routes.
  instrumentation.plugin()(fastify, {}, () => undefined);
  // Instance onSend hooks run before the route's, where @fastify/otel ends the span.
  fastify.addHook('onSend', (request, _reply, payload, done) => {
    const { span } = request.opentelemetry();
    if (span) describeCaller(span, request);
    done(null, payload);
  });
}

/**
 * Names the span by method and route template. Its `url.path` (the raw URL, query included) is replaced by the
 * route template when exported (SecretFreeExporter): a path parameter can be a user account or a sealed id.
 */
function describeRequest(span: Span, request: FastifyRequest): void {
  const route = request.routeOptions.url;
  span.updateName(route === undefined ? request.method : `${request.method} ${route}`);
  recordTrace(request, traceFieldsOf(span));
}

function describeCaller(span: Span, request: FastifyRequest): void {
  const subject = subjectOf(request);
  if (subject) span.setAttribute('agora.caller.kind', subject.kind);
  const project = projectOf(request);
  if (project !== undefined) span.setAttribute('agora.project', project);
}
