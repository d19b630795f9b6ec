import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { CALLER_REQUIRED, PUBLIC_ROUTE } from '../common/http/route-config.js';
import type { CallerGate } from './caller-gate.service.js';

/**
 * The caller step of the request pipeline: every route, whoever registers it, runs
 * CallerGate before its handler (a Fastify preHandler), unless
 * - its route config marks it public (`@Public()`),
 * - `isOpen` names it (Swagger's routes, which no decorator reaches), or
 * - it is an OPTIONS route: a CORS preflight carries no credentials, by the Fetch standard.
 * A route marked both public and CALLER_REQUIRED (a token route made @Public()) stops start-up
 * rather than answering 500 for want of a caller.
 *
 * Register before any route exists (routes registered earlier would not be gated); the gate
 * itself is looked up when the first request arrives, once Nest has built it.
 */
export function gateRoutes(fastify: FastifyInstance, gate: () => CallerGate, isOpen: (url: string) => boolean): void {
  let resolved: CallerGate | undefined;
  // Returns the gate's promise as it is: Fastify awaits it and ignores its value.
  const admit = (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => (resolved ??= gate()).admit(request, reply);
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as Record<string, unknown>;
    if (config[PUBLIC_ROUTE] === true) {
      if (config[CALLER_REQUIRED] === true) throw new Error(`${String(route.method)} ${route.url} needs a caller: it cannot be @Public()`);
      return;
    }
    if (route.method === 'OPTIONS' || isOpen(route.url)) return;
    route.preHandler = [admit, ...[route.preHandler ?? []].flat()];
  });
}
