import type { HeaderObject, HeadersObject, OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { PROBLEM_CACHE_CONTROL } from '../problem/problem.types.js';
import { integerSchema } from './api-schema.options.js';

/**
 * The response headers the service sends from its global hooks, written into
 * the document here, once, for every route: a route cannot forget them, as
 * the service does not. A route's own fixed headers (Cache-Control) are
 * documented where it sets them, with {@link fixedHeaders}.
 */

/** Sent on every response by the request-logging hook. */
const REQUEST_ID: HeaderObject = {
  description:
    'The request id: the one sent in X-Request-Id when it is safe (1 to 128 of A-Z a-z 0-9 _ . : + / = @ -), a new UUID ' +
    'otherwise. It is on every log line of the request and in its problem details.',
  required: true,
  schema: { type: 'string', minLength: 1, maxLength: 128 },
};

/** What the caller's rate limit says, once the request is counted against it. */
function rateLimit(required: boolean): HeadersObject {
  const when = required ? '' : ' Sent once the request was counted (not when the body itself was refused first).';
  return {
    'X-RateLimit-Limit': {
      description: `Token requests each caller may make a minute (RATE_LIMIT_PER_MINUTE).${when}`,
      required,
      schema: integerSchema(1, Number.MAX_SAFE_INTEGER),
    },
    'X-RateLimit-Remaining': {
      description: `Requests left in the current minute.${when}`,
      required,
      schema: integerSchema(0, Number.MAX_SAFE_INTEGER),
    },
    'X-RateLimit-Reset': { description: `Seconds until the minute ends.${when}`, required, schema: integerSchema(1, 60) },
  };
}

function retryAfter(required: boolean): HeaderObject {
  return {
    description: required ? 'Seconds to wait before retrying.' : 'Seconds to wait before retrying, when the service knows.',
    required,
    schema: integerSchema(1, 3600),
  };
}

const WWW_AUTHENTICATE: HeaderObject = {
  description: 'The challenge: the credentials this server takes (`ApiKey` with AUTH_MODE apikey, `Bearer`).',
  required: true,
  schema: { type: 'string' },
};

/** Every problem answer (src/common/problem/problem.types.ts). */
const PROBLEM_CACHE: HeaderObject = {
  description: 'A problem answer is about this one request: never to be cached.',
  required: true,
  schema: { type: 'string', enum: [PROBLEM_CACHE_CONTROL] },
};

/** Answers refused while reading the body, before the caller is counted: they carry no rate-limit headers. */
const REFUSED_BEFORE_COUNTING = new Set(['413', '415']);

/** The headers a response with `status` carries; `rateLimited` for routes that need a caller. */
function headersOf(status: string, rateLimited: boolean): HeadersObject {
  const counted = rateLimited && !REFUSED_BEFORE_COUNTING.has(status);
  return {
    'X-Request-Id': REQUEST_ID,
    ...(counted ? rateLimit(status.startsWith('2') || status === '429') : {}),
    ...(status === '401' ? { 'WWW-Authenticate': WWW_AUTHENTICATE } : {}),
    ...(status === '429' || status === '503' ? { 'Retry-After': retryAfter(status === '429') } : {}),
    ...(Number(status) >= 400 ? { 'Cache-Control': PROBLEM_CACHE } : {}),
  };
}

/** Adds the global hooks' headers to every response of every operation in `document`. */
export function documentResponseHeaders(document: OpenAPIObject): void {
  const operations = Object.values(document.paths).flatMap((path) => Object.values(path) as OperationObject[]);
  for (const operation of operations) {
    // Every route that needs a caller counts it against its rate limit (see CallerGate).
    const rateLimited = (operation.security?.length ?? 0) > 0;
    for (const [status, response] of Object.entries(operation.responses)) {
      if (response && !('$ref' in response)) response.headers = { ...headersOf(status, rateLimited), ...response.headers };
    }
  }
}

/** Documents headers a route always sends with one value, such as `Cache-Control: no-store`. */
export function fixedHeaders(headers: Readonly<Record<string, string>>): HeadersObject {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, { required: true, schema: { type: 'string', enum: [value] } }]),
  );
}
