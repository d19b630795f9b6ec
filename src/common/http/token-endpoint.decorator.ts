import { applyDecorators, Header, HttpCode, HttpStatus, Post, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, type ApiBodyOptions } from '@nestjs/swagger';

type BodyExamples = NonNullable<Extract<ApiBodyOptions, { examples?: unknown }>['examples']>;
import { ApiCallerSecurity } from './api-caller-security.decorator.js';
import { ApiProblemResponses } from './api-problem-responses.decorator.js';

/** A token must never be cached, by a proxy or a browser. */
export const NO_STORE = 'no-store';

export interface TokenEndpointOptions {
  summary: string;
  description: string;
  request: Type<unknown>;
  response: Type<unknown>;
  examples: BodyExamples;
}

/**
 * A token-issuing route: POST answering 200 with `Cache-Control: no-store`
 * (a token must never be cached by a proxy or browser), documented with its
 * request examples, its response, its problem responses and the credentials it takes.
 */
export function TokenEndpoint(path: string, options: TokenEndpointOptions): MethodDecorator {
  return applyDecorators(
    Post(path),
    HttpCode(HttpStatus.OK),
    Header('Cache-Control', NO_STORE),
    ApiOperation({ summary: options.summary, description: options.description }),
    ApiConsumes('application/json'),
    ApiBody({ type: options.request, examples: options.examples }),
    ApiOkResponse({ type: options.response, description: 'The signed token and what it grants.' }),
    ApiCallerSecurity(),
    ApiProblemResponses(400, 413, 415, 500),
  );
}
