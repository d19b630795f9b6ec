import { applyDecorators, Get, Header, HttpCode, HttpStatus, Post, type Type } from '@nestjs/common';
import { ApiConsumes, ApiExcludeEndpoint, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiCallerSecurity } from '../common/http/api-caller-security.decorator.js';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator.js';
import { fixedHeaders } from '../common/http/api-response-headers.js';
import { JSON_WHATEVER_CONTENT_TYPE } from '../common/http/json-body.parser.js';
import { CALLER_REQUIRED, WithRouteConfig } from '../common/http/route-config.js';
import { REQUEST_BODY } from '../common/validation/body-validation.hook.js';
import { NO_STORE as NO_STORE_VALUE } from '../common/http/token-endpoint.decorator.js';

interface LegacyEndpointOptions {
  /** What the route does, as its original server documented it. */
  summary: string;
  /** The /v1 route that replaces it, e.g. `POST /v1/rtc/token`. */
  moveTo: string;
  /** What differs from the original, and how to call the /v1 route instead. */
  description: string;
  /** The 200 body, in the original's shape. */
  response: Type<unknown>;
  /** Problem+json statuses to document; by default 400 and 500, and 413 for a POST. */
  problems?: number[];
  /** Cache headers; by default `Cache-Control: no-store`, since a token must never be cached. */
  cacheHeaders?: Record<string, string>;
}

interface LegacyPostOptions extends LegacyEndpointOptions {
  /** The DTO the JSON body is validated against (by the request pipeline, before the handler). */
  request: Type<unknown>;
}

const NO_STORE = { 'Cache-Control': NO_STORE_VALUE };

/** A legacy GET route; Fastify matches it with or without a trailing slash. */
export function LegacyGet(path: string, options: LegacyEndpointOptions): MethodDecorator {
  return applyDecorators(Get(path), WithRouteConfig({ [CALLER_REQUIRED]: true }), ...documented(options, [400, 500]));
}

/**
 * Paths at which a legacy GET route is also served, undocumented: its forms with an empty
 * segment (see emptySegment), which the Go server's router matched with an empty parameter.
 */
export function LegacyGetAlso(...paths: string[]): MethodDecorator {
  return applyDecorators(Get(paths), WithRouteConfig({ [CALLER_REQUIRED]: true }), Header('Cache-Control', NO_STORE_VALUE), ApiExcludeEndpoint());
}

/**
 * A route path with an empty segment at `//`, as in `rtc/:channelName/:role/:tokenType//`. Nest's
 * Fastify adapter answers 404 when a `:param` matches an empty segment, so an empty segment is a
 * route of its own, without the parameter. At the end of a path, Nest strips one trailing slash
 * from the route and Fastify (ignoreTrailingSlash) strips one from the route and one from the
 * request: a route written `a///` serves the request `a//`, while `a/` stays a 404, as in Go.
 */
export function emptySegment(path: string): string {
  return path.endsWith('//') ? `${path}/` : path;
}

/**
 * A legacy POST route with a JSON body, answering 200 as the originals did. The body is read as
 * JSON whatever its Content-Type (or with none), as the originals read it: their clients send
 * text/plain (a browser `fetch` of a `JSON.stringify` body) or nothing. What is not JSON is a 400.
 */
export function LegacyPost(path: string, options: LegacyPostOptions): MethodDecorator {
  return applyDecorators(
    Post(path),
    WithRouteConfig({ [JSON_WHATEVER_CONTENT_TYPE]: true, [REQUEST_BODY]: options.request, [CALLER_REQUIRED]: true }),
    // Documented as the clients send it; any other type (or none) is read as JSON too.
    ApiConsumes('application/json', 'text/plain'),
    HttpCode(HttpStatus.OK),
    ...documented(options, [400, 413, 500]),
  );
}

function documented(options: LegacyEndpointOptions, problems: number[]): MethodDecorator[] {
  const cacheHeaders = options.cacheHeaders ?? NO_STORE;
  return [
    ...Object.entries(cacheHeaders).map(([name, value]) => Header(name, value)),
    ApiOperation({
      summary: `${options.summary} (deprecated: use ${options.moveTo})`,
      description: `Deprecated compatibility route: move to \`${options.moveTo}\`. ${options.description}`,
      deprecated: true,
    }),
    ApiOkResponse({
      type: options.response,
      description: "The token, in the original server's shape.",
      headers: fixedHeaders(cacheHeaders),
    }),
    ApiProblemResponses(...(options.problems ?? problems)),
    // Legacy routes take the same credentials as /v1, and answer refusals as problem details.
    ApiCallerSecurity(),
  ];
}
