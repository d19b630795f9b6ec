import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header a caller (or a proxy) may send to name its request; echoed on every response. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What we accept from a caller: up to 128 characters that cannot break a log
 * line or a header (UUIDs, ULIDs, trace ids, base64). Anything else is
 * replaced, not trusted, because the id goes into every log line.
 */
const SAFE_REQUEST_ID = /^[\w.:+/=@-]{1,128}$/;

/** Fastify's genReqId: the caller's X-Request-Id when it is safe, a fresh UUID otherwise. */
export function requestIdOf(request: IncomingMessage): string {
  const sent = request.headers[REQUEST_ID_HEADER];
  return typeof sent === 'string' && SAFE_REQUEST_ID.test(sent) ? sent : randomUUID();
}
