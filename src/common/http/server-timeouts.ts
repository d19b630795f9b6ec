import type { FastifyHttpOptions } from 'fastify';
import type { Server } from 'node:http';

/** The timeouts of src/config/app.config.ts, in seconds. */
export interface ServerTimeouts {
  requestSeconds: number;
  headersSeconds: number;
  keepAliveSeconds: number;
}

/**
 * How often Node looks for requests past their headers or request timeout.
 * Node's default (30 s) would let a stalled client hold its connection up to
 * 30 s past the timeout; the sweep walks only the connections with a request
 * under way, so once a second costs nothing that matters.
 */
const TIMEOUT_SWEEP_MS = 1000;

/**
 * Fastify's (and Node's) options for slow clients. A client that stalls in
 * its headers or body is answered 408 (see clientErrorHandler) and
 * disconnected, instead of holding a connection for ever (Fastify's
 * requestTimeout is 0 by default). The keep-alive timeout is Fastify's, kept
 * longer than a balancer's own idle timeout, so the balancer never reuses a
 * connection the service is closing.
 */
export function serverTimeoutOptions(timeouts: ServerTimeouts): FastifyHttpOptions<Server> {
  const requestTimeout = timeouts.requestSeconds * 1000;
  return {
    requestTimeout,
    keepAliveTimeout: timeouts.keepAliveSeconds * 1000,
    // Node checks headersTimeout against requestTimeout when the server is created, before Fastify sets
    // requestTimeout on it: both go in here too.
    http: { requestTimeout, headersTimeout: timeouts.headersSeconds * 1000, connectionsCheckingInterval: TIMEOUT_SWEEP_MS },
  };
}
