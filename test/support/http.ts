import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { STATUS_CODES } from 'node:http';

/** A GET through the real Fastify app. */
export function get(app: NestFastifyApplication, url: string) {
  return app.inject({ method: 'GET', url });
}

/** POSTs a JSON body (any value, including non-objects) through the real Fastify app. */
export function postJson(app: NestFastifyApplication, url: string, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });
}

/** The validation problem the service answers for these field errors (with the request's id, as every problem). */
export function validationProblem(instance: string, errors: Array<{ field: string; message: string }>) {
  return {
    type: 'urn:agora-token-service:problem:validation',
    title: 'Bad Request',
    status: 400,
    detail: 'The request body is invalid.',
    instance,
    errors,
    requestId: expect.any(String),
  };
}

/** A problem of no particular type (`about:blank`): 401, 413, 429 and the like. */
export function plainProblem(instance: string, status: number, detail: string) {
  return { type: 'about:blank', title: STATUS_CODES[status], status, detail, instance, requestId: expect.any(String) };
}
