import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUtf8 } from 'node:buffer';
import { ValidationProblemException } from '../problem/validation-problem.exception.js';
import { ILL_FORMED_TEXT, illFormedPath } from '../validation/well-formed-text.js';

/**
 * The Fastify route-config key of routes that read their body as JSON whatever its Content-Type
 * says (or with none): the community servers parsed bodies so, and their clients (a browser
 * `fetch` with a `JSON.stringify` body sends text/plain) rely on it. Other routes answer 415.
 */
export const JSON_WHATEVER_CONTENT_TYPE = 'jsonWhateverContentType';

/** A `__proto__` key: what makes Fastify's parser refuse a body that is otherwise JSON. */
const PROTO_KEY = /"__proto__"\s*:/;

/** `\u` escapes of a UTF-16 surrogate: only a body holding one can parse to an ill-formed string. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * Replaces Fastify's JSON body parser with one that applies the service's text rule before a
 * body reaches a route: bytes that are not UTF-8 are refused (Fastify would decode them to
 * U+FFFD and a token would be signed for a name nobody sent), and so is any string that is not
 * well-formed Unicode. JSON itself is parsed by Fastify's own parser, which also refuses
 * `__proto__` keys.
 */
export function registerJsonBodyParsers(fastify: FastifyInstance): void {
  // `__proto__` is refused here (it would poison the prototype of whatever copies the body); a
  // `constructor` key is left to the pipe, which refuses it with every other undeclared field.
  const parseJson = fastify.getDefaultJsonParser('error', 'ignore');
  const parse = (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
    if (!isUtf8(body)) return done(ValidationProblemException.field('body', 'the request body must be UTF-8 text'));
    const text = body.toString('utf8');
    parseJson(request, text, (error: Error | null, value?: unknown) => {
      if (error) return done(PROTO_KEY.test(text) ? ValidationProblemException.field('__proto__', 'property __proto__ should not exist') : error);
      const illFormed = SURROGATE_ESCAPE.test(text) ? illFormedPath(value) : undefined;
      if (illFormed !== undefined) return done(ValidationProblemException.field(illFormed, `${illFormed} ${ILL_FORMED_TEXT}`));
      done(null, value);
    });
  };

  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, parse);
  // Any other media type, or none: JSON on the routes that take it so, a 415 elsewhere.
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if ((request.routeOptions.config as unknown as Record<string, unknown>)[JSON_WHATEVER_CONTENT_TYPE] === true) {
      return parse(request, body, done);
    }
    done(new UnsupportedMediaType());
  });
}

/** Answered as Fastify's own 415 is: a problem with the service's fixed wording for 415. */
class UnsupportedMediaType extends Error {
  readonly statusCode = 415;
  constructor() {
    super('Unsupported Media Type');
  }
}
