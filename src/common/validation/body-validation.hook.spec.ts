import Fastify from 'fastify';
import { IsString } from 'class-validator';
import { REQUEST_BODY, validateBodies } from './body-validation.hook.js';

class NameDto {
  @IsString()
  name!: string;
}

describe('validateBodies (a real Fastify instance)', () => {
  it('stops start-up for a route whose method carries a body and that declares no DTO', () => {
    const fastify = Fastify();
    validateBodies(fastify);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      expect(() => fastify.route({ method, url: `/${method}`, handler: () => ({}) })).toThrow(`${method} /${method} declares no request body`);
    }
    expect(() => fastify.route({ method: 'GET', url: '/get', handler: () => ({}) })).not.toThrow();
    expect(() => fastify.route({ method: 'POST', url: '/none', config: { [REQUEST_BODY]: null }, handler: () => ({}) })).not.toThrow();
  });

  it('hands the handler the checked body, and refuses a body the DTO refuses', async () => {
    const fastify = Fastify();
    validateBodies(fastify);
    fastify.setErrorHandler((error: Error & { getStatus?: () => number }, _request, reply) => reply.code(error.getStatus?.() ?? 500).send({ error: error.message }));
    fastify.post('/named', { config: { [REQUEST_BODY]: NameDto } }, (request) => ({ got: request.body }));
    const ok = await fastify.inject({ method: 'POST', url: '/named', payload: { name: 'alice' } });
    expect(ok.json()).toEqual({ got: { name: 'alice' } });
    const refused = await fastify.inject({ method: 'POST', url: '/named', payload: { name: 7 } });
    expect(refused.statusCode).toBe(400);
    const unknown = await fastify.inject({ method: 'POST', url: '/named', payload: { name: 'a', admin: true } });
    expect(unknown.statusCode).toBe(400);
  });
});
