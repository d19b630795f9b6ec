import { applyDecorators, Header, HttpCode, HttpStatus, Post, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, type ApiBodyOptions } from '@nestjs/swagger';
import { RequestBody } from '../validation/body-validation.hook.js';
import { ApiCallerSecurity } from './api-caller-security.decorator.js';
import { CALLER_REQUIRED, WithRouteConfig } from './route-config.js';
import { ApiProblemResponses } from './api-problem-responses.decorator.js';
import { fixedHeaders } from './api-response-headers.js';

type BodyExamples = NonNullable<Extract<ApiBodyOptions, { examples?: unknown }>['examples']>;

/** A token must never be cached, by a proxy or a browser. */
export const NO_STORE = 'no-store';

export interface TokenEndpointOptions {
  summary: string;
  description: string;
  request: Type<unknown>;
  response: Type<unknown>;
  /**
   * Swagger UI's request examples. The first is its default, which "Try it out" sends as it stands: it works for
   * an API key and an end user alike (it leaves out a user an end user's identity fills in). Each summary begins
   * with whom it is for, `Any caller:`, `API keys:` or `End users:`: test/swagger-examples.e2e-spec.ts sends each so.
   */
  examples: BodyExamples;
  /**
   * False when a POST with no body is a valid request (it counts as `{}`): the request DTO
   * requires no field, for every caller or for some (an end user's identity fills one in).
   */
  bodyRequired: boolean;
}

/**
 * A token-issuing route: POST answering 200 with `Cache-Control: no-store`
 * (a token must never be cached by a proxy or browser), documented with its
 * request examples, its response, its problem responses and the credentials it takes.
 *
 * The body is validated against `request` by the request pipeline (see RequestBody);
 * the handler takes `(@Body() body, @CurrentCaller() caller)`.
 */
export function TokenEndpoint(path: string, options: TokenEndpointOptions): MethodDecorator {
  return applyDecorators(
    Post(path),
    RequestBody(options.request),
    WithRouteConfig({ [CALLER_REQUIRED]: true }),
    HttpCode(HttpStatus.OK),
    Header('Cache-Control', NO_STORE),
    ApiOperation({ summary: options.summary, description: options.description }),
    ApiConsumes('application/json'),
    ApiBody({ type: options.request, examples: options.examples, required: options.bodyRequired }),
    ApiOkResponse({
      type: options.response,
      description: 'The signed token and what it grants.',
      headers: fixedHeaders({ 'Cache-Control': NO_STORE }),
    }),
    ApiCallerSecurity(),
    ApiProblemResponses(400, 413, 415, 500),
  );
}
