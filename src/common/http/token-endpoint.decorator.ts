import { applyDecorators, Header, HttpCode, HttpStatus, Post, type Type } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, type ApiBodyOptions } from '@nestjs/swagger';
import { ApiCallerSecurity } from './api-caller-security.decorator.js';
import { ApiProblemResponses } from './api-problem-responses.decorator.js';
import { fixedHeaders } from './api-response-headers.js';

type BodyExamples = NonNullable<Extract<ApiBodyOptions, { examples?: unknown }>['examples']>;

/** A token must never be cached, by a proxy or a browser. */
export const NO_STORE = 'no-store';

/** What a token endpoint answers: 200, never cached (applied by TokenEndpoint, sent by serveTokenEndpoints). */
export const TOKEN_ENDPOINT_STATUS = HttpStatus.OK;
export const TOKEN_ENDPOINT_HEADERS: Readonly<Record<string, string>> = { 'Cache-Control': NO_STORE };

export interface TokenEndpointOptions {
  summary: string;
  description: string;
  request: Type<unknown>;
  response: Type<unknown>;
  examples: BodyExamples;
  /**
   * False when a POST with no body is a valid request (it counts as `{}`): the request DTO
   * requires no field, for every caller or for some (an end user's identity fills one in).
   */
  bodyRequired: boolean;
}

/** The key of a token endpoint's Fastify route config: what serveTokenEndpoints needs to serve it. */
export const TOKEN_ENDPOINT = 'tokenEndpoint';

/** Where a token endpoint's handler is, and the DTO its body is validated against. */
export interface TokenEndpointRoute {
  controller: Type<unknown>;
  method: string | symbol;
  request: Type<unknown>;
}

/** The route TokenEndpoint recorded on a handler (what serveTokenEndpoints finds in Fastify's route config). */
export function tokenEndpointOf(handler: object): TokenEndpointRoute | undefined {
  return Reflect.getOwnMetadata(TOKEN_ENDPOINT, handler) as TokenEndpointRoute | undefined;
}

/**
 * A token-issuing route: POST answering 200 with `Cache-Control: no-store`
 * (a token must never be cached by a proxy or browser), documented with its
 * request examples, its response, its problem responses and the credentials it takes.
 *
 * The handler takes `(@Body() body, @CurrentCaller() caller)` and is served by
 * serveTokenEndpoints (token-routes.ts), straight from Fastify.
 */
export function TokenEndpoint(path: string, options: TokenEndpointOptions): MethodDecorator {
  return (target, method, descriptor) => {
    const route: TokenEndpointRoute = { controller: target.constructor as Type<unknown>, method, request: options.request };
    Reflect.defineMetadata(TOKEN_ENDPOINT, route, descriptor.value as object);
    applyDecorators(
      Post(path),
      RouteConfig({ [TOKEN_ENDPOINT]: route }),
      HttpCode(TOKEN_ENDPOINT_STATUS),
      ...Object.entries(TOKEN_ENDPOINT_HEADERS).map(([name, value]) => Header(name, value)),
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
    )(target, method, descriptor);
  };
}
