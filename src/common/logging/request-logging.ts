import type { FastifyInstance } from 'fastify';
import { tokenSummariesOf } from '../../agora/token-summary.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/**
 * Hooks that feed the request log: the request id goes back to the caller on
 * every response (errors included), and a response carrying a signed token
 * leaves its summary (kind, channel, user: never the token) on the request.
 */
export function registerRequestLogging(fastify: FastifyInstance): void {
  fastify.decorateRequest('issuedTokens', undefined);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('preSerialization', (request, _reply, payload, done) => {
    request.issuedTokens = tokenSummariesOf(payload);
    done(null, payload);
  });
}
