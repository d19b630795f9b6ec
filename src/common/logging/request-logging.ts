import type { FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER } from './request-id.js';
import { ISSUED, PROJECT, SUBJECT, TRACE } from './request-record.js';

/**
 * Hooks that feed the request log: the request id goes back to the caller on
 * every response (errors included). The request's record (who asked, what
 * was issued: see request-record.ts) is declared on every request, so that
 * requests keep one shape whether or not it is filled.
 */
export function registerRequestLogging(fastify: FastifyInstance): void {
  fastify.decorateRequest(SUBJECT, undefined);
  fastify.decorateRequest(ISSUED, undefined);
  fastify.decorateRequest(PROJECT, undefined);
  fastify.decorateRequest(TRACE, undefined);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
