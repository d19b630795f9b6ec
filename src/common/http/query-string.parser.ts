import type { FastifyRequest } from 'fastify';
import { ValidationProblemException } from '../problem/validation-problem.exception.js';

/** Where a parsed query records its first parameter that could not be decoded. */
const MALFORMED = Symbol('malformed query parameter');

type ParsedQuery = Record<string, string | string[]> & { [MALFORMED]?: string };

/** Characters a URL carries as they are: anything else must be percent-encoded (RFC 3986). */
const URL_TEXT = /^[\x21-\x7e]*$/;

/**
 * Decodes a query string by the rule the router applies to paths: each name and value is
 * percent-decoded as UTF-8 (`+` is a space), and a parameter that does not decode (a broken
 * escape, bytes that are not UTF-8, an escaped lone surrogate such as `%ED%A0%80`, raw bytes
 * that were never escaped) makes the request a 400 naming it, rather than being passed on
 * undecoded and signed as the literal text. A name sent twice holds an array, as Fastify's
 * own parser does, so routes can refuse the repetition.
 *
 * Give it to Fastify as `routerOptions.querystringParser`, and answer the 400 of
 * {@link malformedQueryOf}.
 */
export function parseQueryString(query: string): ParsedQuery {
  const parsed: ParsedQuery = Object.create(null) as ParsedQuery;
  if (query.length === 0) return parsed;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const split = pair.indexOf('=');
    const rawName = split === -1 ? pair : pair.slice(0, split);
    const name = decoded(rawName);
    const value = split === -1 ? '' : decoded(pair.slice(split + 1));
    if (name === undefined || value === undefined) {
      parsed[MALFORMED] ??= name ?? rawName;
      continue;
    }
    const previous = parsed[name];
    parsed[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return parsed;
}

function decoded(raw: string): string | undefined {
  if (!URL_TEXT.test(raw)) return undefined;
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

/**
 * The 400 problem naming the query parameter that did not decode, or undefined when all did. Call it
 * from a hook every request runs after CORS and the security headers (hardenHttp's), so the problem
 * carries the headers a browser needs to read it, and the caller is not checked first.
 */
export function malformedQueryOf(request: FastifyRequest): ValidationProblemException | undefined {
  const malformed = (request.query as ParsedQuery | undefined)?.[MALFORMED];
  if (malformed === undefined) return undefined;
  const message = `${malformed} must be percent-encoded UTF-8 text`;
  return new ValidationProblemException([{ field: malformed, message }], 'The query string is invalid.');
}
