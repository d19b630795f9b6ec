import type { ArgumentMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod, RouteOptions } from 'fastify';
import { isDeepStrictEqual } from 'node:util';
import { CallerGate } from '../../auth/caller-gate.service.js';
import { IS_PUBLIC } from '../../auth/public.decorator.js';
import { RequestValidationPipe } from '../validation/request-validation.pipe.js';
import { BODY_AND_CALLER, ENHANCER_KEYS } from './nest-decorator.probe.js';
import { TOKEN_ENDPOINT, TOKEN_ENDPOINT_HEADERS, TOKEN_ENDPOINT_STATUS, type TokenEndpointRoute } from './token-endpoint.decorator.js';

type TokenHandler = (body: unknown, caller: unknown) => unknown;

/**
 * Serves the token endpoints (see TokenEndpoint) straight from Fastify, with
 * the steps Nest's router would take for them and nothing else: the caller
 * (CallerGate, as the global CallerGuard runs it), the body (the global
 * RequestValidationPipe), the handler, then its status and headers. Errors go
 * to the same exception filter, through the error handler Nest gives Fastify.
 *
 * Why: a token route is the service's hot path, and Nest's per-request
 * machinery (execution contexts, guard, pipe and interceptor consumers,
 * parameter factories, response controller) cost about as much as signing
 * the token. The controllers stay the single declaration of route, DTOs and
 * docs; only the dispatch changes. Call before `app.init()`, which registers
 * the routes. A token endpoint that declares its own guards, pipes,
 * interceptors or filters, or other parameters, fails start-up rather than
 * being served without them.
 */
export function serveTokenEndpoints(app: NestFastifyApplication): void {
  const gate = app.get(CallerGate);
  const pipe = new RequestValidationPipe();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route: RouteOptions) => {
      const endpoint = (route.config as Record<string, unknown> | undefined)?.[TOKEN_ENDPOINT] as TokenEndpointRoute | undefined;
      if (endpoint) route.handler = tokenHandler(endpoint, app.get(endpoint.controller, { strict: false }), gate, pipe);
    });
}

function tokenHandler(endpoint: TokenEndpointRoute, controller: object, gate: CallerGate, pipe: RequestValidationPipe): RouteHandlerMethod {
  const handler = (controller as Record<string | symbol, TokenHandler>)[endpoint.method];
  assertServable(endpoint);
  const body: ArgumentMetadata = { type: 'body', metatype: endpoint.request };

  return async function serveToken(request: FastifyRequest, reply: FastifyReply) {
    const caller = await gate.admit(request, reply);
    const dto = await pipe.transform(request.body, body);
    const result = handler.call(controller, dto, caller);
    reply.code(TOKEN_ENDPOINT_STATUS).headers(TOKEN_ENDPOINT_HEADERS);
    return result;
  };
}

/**
 * What Nest would have done for this handler beyond the steps serveTokenEndpoints
 * takes: nothing, or start-up stops here with the reason. (Nest's metadata keys are
 * found through its public decorators: see nest-decorator.probe.ts.)
 */
export function assertServable(endpoint: TokenEndpointRoute): void {
  const handler = endpoint.controller.prototype[endpoint.method] as object;
  const name = `${endpoint.controller.name}.${String(endpoint.method)}`;
  const enhancers = [...ENHANCER_KEYS, IS_PUBLIC].filter((key) => hasMetadata(key, handler) || hasMetadata(key, endpoint.controller));
  if (enhancers.length > 0) {
    throw new Error(`Token endpoint ${name} declares ${enhancers.join(', ')}: token endpoints take only the global pipeline`);
  }
  const args: unknown = Reflect.getMetadata(BODY_AND_CALLER.key, endpoint.controller, endpoint.method);
  if (!isDeepStrictEqual(args, BODY_AND_CALLER.args)) throw new Error(`Token endpoint ${name} must take (@Body() body, @CurrentCaller() caller)`);
}

function hasMetadata(key: string, target: object): boolean {
  const value: unknown = Reflect.getMetadata(key, target);
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
}
