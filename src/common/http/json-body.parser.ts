import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUtf8 } from 'node:buffer';
import { ValidationProblemException } from '../problem/validation-problem.exception.js';
import { meansParsedInteger } from '../validation/exact-number.js';
import { jsonLiterals } from '../validation/json-text.scanner.js';
import { ILL_FORMED_TEXT, isWellFormedText } from '../validation/well-formed-text.js';

/**
 * The Fastify route-config key of routes that read their body as JSON whatever its Content-Type
 * says (or with none): the community servers parsed bodies so, and their clients (a browser
 * `fetch` with a `JSON.stringify` body sends text/plain) rely on it. Other routes answer 415.
 */
export const JSON_WHATEVER_CONTENT_TYPE = 'jsonWhateverContentType';

/**
 * What only the text shows: a `\u` escape of a UTF-16 surrogate (which may parse to a lone one), or a
 * number with a fraction, an exponent or more digits than a double holds (which may parse to another
 * number). Bodies without either, nearly all of them, skip the scan.
 */
const NEEDS_SCAN = /\\u[dD][89a-fA-F]|\d[.eE]|\d{16}/;

type Done = (error: Error | null, value?: unknown) => void;

/**
 * Replaces Fastify's JSON body parser with one that applies the service's input rules to the
 * text before a body reaches a route (README, "Input rules"): bytes that are not UTF-8 are
 * refused (Fastify would decode them to U+FFFD and a token would be signed for a name nobody
 * sent), and so are strings that are not well-formed Unicode and numbers JSON.parse would round
 * to a whole number they do not mean (`1e-400` to uid 0). JSON itself is parsed by Fastify's own
 * parser, which also refuses `__proto__` keys.
 */
export function registerJsonBodyParsers(fastify: FastifyInstance): void {
  // `__proto__` is refused by the parser (it would poison the prototype of whatever copies the body);
  // a `constructor` key is left to the pipe, which refuses it with every other undeclared field.
  const parseJson = fastify.getDefaultJsonParser('error', 'ignore');
  const parse = (request: FastifyRequest, body: Buffer, done: Done) => {
    let outcome: { error: Error } | { value: unknown };
    try {
      outcome = { value: parsed(body, (text, answer) => parseJson(request, text, answer)) };
    } catch (error) {
      outcome = { error: error as Error };
    }
    // Outside the try: an error thrown by what `done` runs is not this body's fault.
    if ('error' in outcome) done(outcome.error);
    else done(null, outcome.value);
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

/** The body's value, or the problem that refuses it (thrown). */
function parsed(body: Buffer, parseJson: (text: string, answer: Done) => void): unknown {
  if (body.length === 0) throw new BadRequestException('The request body is empty: send a JSON object, or no body at all.');
  if (!isUtf8(body)) throw ValidationProblemException.field('body', 'the request body must be UTF-8 text');
  const text = body.toString('utf8');
  let outcome: { error: Error | null; value?: unknown } = { error: null };
  // Fastify's parser answers synchronously.
  parseJson(text, (error, value) => (outcome = { error, value }));
  if (outcome.error) throw refusalOf(text);
  if (NEEDS_SCAN.test(text)) checkLiterals(text);
  return outcome.value;
}

/** Why Fastify's parser refused a text: a `__proto__` key (however escaped) in valid JSON, or JSON that is not valid. */
function refusalOf(text: string): Error {
  try {
    JSON.parse(text);
  } catch {
    return new BadRequestException('The request body is not valid JSON.');
  }
  return ValidationProblemException.field('__proto__', 'property __proto__ should not exist');
}

function checkLiterals(text: string): void {
  for (const { kind, path, raw } of jsonLiterals(text)) {
    const field = path || 'body';
    if (kind !== 'number') {
      if (raw.includes('\\') && !isWellFormedText(JSON.parse(raw) as string)) {
        throw ValidationProblemException.field(field, `${field} ${ILL_FORMED_TEXT}`);
      }
    } else if (!meansParsedInteger(raw, Number(raw))) {
      const message = `${field} must be exactly a whole number: ${raw} is not one, and would be read as ${Number(raw)}`;
      throw ValidationProblemException.field(field, message);
    }
  }
}

/** Answered as Fastify's own 415 is: a problem with the service's fixed wording for 415. */
class UnsupportedMediaType extends Error {
  readonly statusCode = 415;
  constructor() {
    super('Unsupported Media Type');
  }
}
