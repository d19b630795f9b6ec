import type { ArgumentMetadata, Type } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { WithRouteConfig } from '../http/route-config.js';
import { readAsGoJson } from './body-shape.js';
import { RequestValidationPipe } from './request-validation.pipe.js';

/** The route config entry naming the DTO a route's body is validated against (null: the route takes no body). */
export const REQUEST_BODY = 'requestBody';

/**
 * The route config entry that makes the body step read the body as Go's encoding/json would (the Go fork's routes):
 * keys matched to the DTO's fields in any case when none is exact, unknown keys dropped (see readAsGoJson). The
 * values still go through the DTO's rules.
 */
export const GO_JSON_BODY = 'goJsonBody';

/**
 * The route config entry of a check the pipeline runs before the body step (after the caller's), on every request of
 * the route, body or not: a Fastify preHandler, which answers itself to stop the request (the Go fork's X-Request-ID rule).
 */
export const BEFORE_BODY = 'beforeBody';
export type BeforeBodyCheck = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Declares the DTO a route's JSON body must satisfy: the request pipeline validates it
 * before the handler runs, which then reads the checked body with `@Body()`.
 */
export const RequestBody = (dto: Type<unknown> | null): MethodDecorator => WithRouteConfig({ [REQUEST_BODY]: dto });

/**
 * Methods whose requests carry no body Fastify would parse: every other method's routes must say
 * what their body is (DELETE included). OPTIONS routes are CORS preflights, answered by @fastify/cors.
 */
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The body step of the request pipeline, after the caller's (a Fastify preHandler): the
 * body of every route that declares a DTO (RequestBody) goes through RequestValidationPipe,
 * and the handler gets what it returns. A route whose method may carry a body (any but GET, HEAD
 * and OPTIONS) and that declares none stops start-up, so no handler ever reads an unchecked body.
 * Register before any route.
 */
export function validateBodies(fastify: FastifyInstance, pipe = new RequestValidationPipe()): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as Record<string, unknown>;
    const before = config[BEFORE_BODY] as BeforeBodyCheck | undefined;
    if (before) route.preHandler = [...[route.preHandler ?? []].flat(), before];
    const methods = [route.method].flat();
    if (!Object.hasOwn(config, REQUEST_BODY)) {
      if (methods.some((method) => !BODYLESS_METHODS.has(method))) {
        throw new Error(`${methods.join(',')} ${route.url} declares no request body: add @RequestBody(Dto), or @RequestBody(null)`);
      }
      return;
    }
    const dto = config[REQUEST_BODY] as Type<unknown> | null;
    if (!dto) return;
    const metadata: ArgumentMetadata = { type: 'body', metatype: dto };
    const goJson = config[GO_JSON_BODY] === true;
    // A callback hook, not an async one: a body the DTO's compiled check accepts (nearly every request) goes on in
    // the same turn, without the promise and the extra turn of the event loop an async hook costs.
    const validate = (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
      const body = goJson ? readAsGoJson(request.body, dto) : request.body;
      const accepted = pipe.acceptedAsSent(body, metadata);
      if (accepted) {
        request.body = accepted;
        return done();
      }
      pipe.transform(body, metadata).then(
        (checked) => {
          request.body = checked;
          done();
        },
        (error: Error) => done(error),
      );
    };
    route.preHandler = [...[route.preHandler ?? []].flat(), validate];
  });
}
