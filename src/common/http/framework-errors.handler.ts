import { HttpException } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from '../logging/request-id.js';
import { PROBLEM_CACHE_CONTROL, PROBLEM_CONTENT_TYPE } from '../problem/problem.types.js';
import { toProblem } from '../problem/to-problem.js';
import { corsHeadersFor, type CorsAllowOrigin } from './cors.options.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { UNMATCHED } from '../logging/request-log.controller.js';

/**
 * The longest path parameter the router matches (Fastify's maxParamLength). Path parameters carry user
 * accounts (up to 255 bytes, percent-encoded: up to 765 characters) on the community servers' routes.
 */
export const MAX_PATH_PARAM_LENGTH = 1024;

/** The router's refusals, worded as ours: Fastify's own messages quote the whole path back. */
const ANSWERS: Readonly<Record<string, { status: number; detail: string }>> = {
  FST_ERR_BAD_URL: { status: 400, detail: 'The request path is not valid percent-encoded UTF-8.' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, detail: `A path parameter is longer than ${MAX_PATH_PARAM_LENGTH} characters.` },
};

type FrameworkErrorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void;

/**
 * Fastify's frameworkErrors: the router refuses a path (bad %-escapes, an
 * over-long parameter) before any route, hook or Nest filter runs, so this
 * answers with the same problem the ProblemDetailsFilter would give, and the
 * headers the skipped onRequest hooks would have set (request id, security
 * headers, CORS for the configured origins, so that a browser can read it),
 * and logs the request line. Replaces the handler Nest's FastifyAdapter sets,
 * which sends Fastify's own JSON error.
 */
export function answerFrameworkErrors(corsAllowOrigin: CorsAllowOrigin): FrameworkErrorHandler {
  const corsHeaders = corsHeadersFor(corsAllowOrigin);
  return (error, request, reply) => {
    const answer = ANSWERS[error.code];
    const exception = answer ? new HttpException(answer.detail, answer.status) : error;
    const path = request.url.split('?')[0];
    const problem = toProblem(exception, path, request.id);
    // Fastify logs no completion line for a request the router refused: this is its request line.
    // Matched no route, so no route pattern: never the path itself (see UNMATCHED).
    request.log.info({ method: request.method, route: UNMATCHED, statusCode: problem.status }, 'request completed');
    void reply
      .headers(corsHeaders(request.headers.origin))
      .headers(SECURITY_HEADERS)
      .header(REQUEST_ID_HEADER, request.id)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .header('cache-control', PROBLEM_CACHE_CONTROL)
      .code(problem.status)
      .send(problem);
  };
}
