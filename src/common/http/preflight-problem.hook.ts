import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance, onSendHookHandler, RouteOptions } from 'fastify';
import { PROBLEM_HEADERS } from '../problem/problem.types.js';
import { toProblem } from '../problem/to-problem.js';
import { SECURITY_HEADERS } from './security-headers.js';

const DETAIL = 'An OPTIONS request is a CORS preflight: send Origin and Access-Control-Request-Method.';

/**
 * @fastify/cors answers an OPTIONS request that is not a preflight (no
 * Origin or no Access-Control-Request-Method) itself, from its onRequest
 * hook, with a text/plain 400. This turns that answer into the service's
 * problem, with the security headers the plugin's answer skipped (it comes
 * before the onRequest hook that sets them). The hook is added to the plugin's `OPTIONS *` route only, so no
 * other request runs it. Call before the plugin registers its route.
 */
export function answerBadPreflightsWithProblems(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if (route.method !== 'OPTIONS' || route.url !== '*') return;
    const own = route.onSend === undefined ? [] : [route.onSend].flat();
    route.onSend = [...own, preflightProblem];
  });
}

const preflightProblem: onSendHookHandler = (request, reply, payload, done) => {
  // The OPTIONS route itself sends nothing but the plugin's answers; errors thrown on the way are problems already.
  const contentType = String(reply.getHeader('content-type') ?? '');
  if (reply.statusCode !== 400 || !contentType.startsWith('text/plain')) return done(null, payload);
  const problem = toProblem(new BadRequestException(DETAIL), request.url.split('?')[0], request.id);
  reply
    .headers(SECURITY_HEADERS)
    .headers(PROBLEM_HEADERS);
  done(null, JSON.stringify(problem));
};
