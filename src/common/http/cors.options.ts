import type { FastifyCorsOptions } from '@fastify/cors';

/** `*`, or the exact origins a browser may call from (CORS_ALLOW_ORIGIN). */
export type CorsAllowOrigin = readonly string[] | '*';

/** Headers a browser client may read: the rate-limit ones tell it when to retry. */
const EXPOSED_HEADERS = ['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

/**
 * @fastify/cors's options: CORS for exactly the configured origins, preflights cached 10 minutes. PATCH and DELETE
 * too: a browser changes and ends recordings, transcriptions, converters, players and stream keys with them.
 */
export function corsOptions(allowOrigin: CorsAllowOrigin): FastifyCorsOptions {
  return {
    origin: allowOrigin === '*' ? '*' : [...allowOrigin],
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  };
}

/**
 * The CORS headers @fastify/cors sets on an answer (not a preflight) to a request from `origin`, for
 * answers given before its onRequest hook runs (a path the router refuses): without them a browser
 * cannot read the problem. With a list of origins, the answer varies by Origin and names the origin
 * only when it is listed; test/protocol-errors.e2e-spec.ts checks that they match the plugin's.
 */
export function corsHeadersFor(allowOrigin: CorsAllowOrigin): (origin: string | undefined) => Record<string, string> {
  const exposed = { 'access-control-expose-headers': EXPOSED_HEADERS.join(', ') };
  if (allowOrigin === '*') {
    const headers = Object.freeze({ 'access-control-allow-origin': '*', ...exposed });
    return () => headers;
  }
  const allowed = new Set(allowOrigin);
  return (origin) =>
    origin !== undefined && allowed.has(origin)
      ? { vary: 'Origin', 'access-control-allow-origin': origin, ...exposed }
      : { vary: 'Origin', ...exposed };
}
