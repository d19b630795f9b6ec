import Fastify, { type FastifyRequest } from 'fastify';
import { CALLER_REQUIRED, PUBLIC_ROUTE } from '../common/http/route-config.js';
import type { CallerGate } from './caller-gate.service.js';
import { gateRoutes } from './caller-gate.hook.js';

/** A gate that admits every request and remembers the URLs it saw (CallerGate itself is covered end to end). */
function recordingGate(): { gate: CallerGate; seen: string[] } {
  const seen: string[] = [];
  const gate = { admit: async (request: FastifyRequest) => void seen.push(request.url) } as unknown as CallerGate;
  return { gate, seen };
}

describe('gateRoutes (a real Fastify instance)', () => {
  it('gates every route but public ones, open ones and OPTIONS, before the route’s own preHandlers', async () => {
    const { gate, seen } = recordingGate();
    const fastify = Fastify();
    gateRoutes(fastify, () => gate, (url) => url === '/open');
    const order: string[] = [];
    fastify.get('/gated', { preHandler: async () => void order.push(`own after ${seen.length} gate`) }, async () => ({}));
    fastify.get('/public', { config: { [PUBLIC_ROUTE]: true } }, async () => ({}));
    fastify.get('/open', async () => ({}));
    fastify.options('/gated', async () => ({}));
    for (const [method, url] of [['GET', '/gated'], ['HEAD', '/gated'], ['GET', '/public'], ['GET', '/open'], ['OPTIONS', '/gated']] as const) {
      expect((await fastify.inject({ method, url })).statusCode).toBe(200);
    }
    expect(seen).toEqual(['/gated', '/gated']);
    expect(order).toEqual(['own after 1 gate', 'own after 2 gate']);
  });

  it('stops start-up for a route that is public but needs a caller', () => {
    const fastify = Fastify();
    gateRoutes(fastify, () => recordingGate().gate, () => false);
    expect(() =>
      fastify.get('/token', { config: { [PUBLIC_ROUTE]: true, [CALLER_REQUIRED]: true } }, async () => ({})),
    ).toThrow('GET /token needs a caller: it cannot be @Public()');
  });
});
