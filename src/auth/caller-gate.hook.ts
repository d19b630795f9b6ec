import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { CallerGate } from './caller-gate.service.js';
import { PUBLIC_ROUTE } from './public.decorator.js';

/**
 * The caller step of the request pipeline: every route, whoever registered it, runs
 * CallerGate before its handler (a Fastify preHandler), unless its route config marks it
 * `@Public()` or `isOpen` says it is open (Swagger's /docs routes, which no decorator reaches).
 * Register before any route: routes registered earlier would not be gated.
 */
export function gateRoutes(fastify: FastifyInstance, gate: CallerGate, isOpen: (url: string) => boolean): void {
  const admit = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await gate.admit(request, reply);
  };
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if ((route.config as Record<string, unknown> | undefined)?.[PUBLIC_ROUTE] === true || isOpen(route.url)) return;
    route.preHandler = [admit, ...[route.preHandler ?? []].flat()];
  });
}
