import type { FieldErrorDto, ProblemDto } from './problem.dto.js';

export type FieldError = FieldErrorDto;
export type Problem = ProblemDto;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Every problem answer is `Cache-Control: no-store`, whichever route or layer gives it: a
 * refusal (401, 403, 429) or an outage (503) is about one request, never to be reused by a cache.
 */
export const PROBLEM_CACHE_CONTROL = 'no-store';

/** The headers of a problem answer written without Fastify's serializer (to a raw response or socket, or over a payload). */
export const PROBLEM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
  'cache-control': PROBLEM_CACHE_CONTROL,
};

/** Problem type URIs this service defines (RFC 9457 §3.1.1). */
export const PROBLEM_TYPES = {
  validation: 'urn:agora-token-service:problem:validation',
  forbidden: 'urn:agora-token-service:problem:forbidden',
  generic: 'about:blank',
} as const;
