import fastifyCors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { rememberLatestRequest } from './client-error.handler.js';
import { corsOptions, type CorsAllowOrigin } from './cors.options.js';
import { hostMissing, missingHost } from './host-header.js';
import { answerBadPreflightsWithProblems } from './preflight-problem.hook.js';
import { malformedQueryOf } from './query-string.parser.js';
import { SECURITY_HEADERS } from './security-headers.js';

/** Larger request bodies are refused with a 413 problem: no token request comes near it. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Browser-facing hardening: CORS for exactly the configured origins (a
 * request from any other origin gets no Access-Control-Allow-Origin, so the
 * browser blocks it) and helmet's security headers, nosniff included.
 *
 * Its onRequest hook, which runs after CORS's, also does the other per-request
 * work of the HTTP layer, so that no further hook runs on every request: it
 * refuses an HTTP/1.1 request without Host (Node's own check is off, see
 * HOST_CHECKED_BY_SERVICE) and a query that does not decode (see parseQueryString),
 * before the caller is checked or the body read, and
 * remembers the connection's latest request for the 408 a timeout gives.
 */
export function hardenHttp(app: NestFastifyApplication, corsAllowOrigin: CorsAllowOrigin): void {
  const fastify = app.getHttpAdapter().getInstance();
  answerBadPreflightsWithProblems(fastify);
  // Registered on Fastify itself: Nest's enableCors() wraps the same plugin to copy its headers onto the
  // raw response for Nest middleware, which this app has none of, at a cost on every request.
  void fastify.register(fastifyCors, corsOptions(corsAllowOrigin));
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    if (hostMissing(request)) return done(missingHost());
    const malformedQuery = malformedQueryOf(request);
    if (malformedQuery) return done(malformedQuery);
    rememberLatestRequest(request, reply);
    done();
  });
}
