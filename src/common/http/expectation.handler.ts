import { HttpException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, requestIdOf } from '../logging/request-id.js';
import { PROBLEM_HEADERS } from '../problem/problem.types.js';
import { toProblem } from '../problem/to-problem.js';
import { SECURITY_HEADERS } from './security-headers.js';

const DETAIL = 'The only expectation this service meets is Expect: 100-continue.';

/**
 * Answers an HTTP/1.1 request whose `Expect` asks for anything but
 * `100-continue` with a 417 problem instead of Node's empty 417. Node hands
 * such a request to the server's `checkExpectation` listeners instead of
 * routing it, so no hook runs and this costs the other requests nothing. The
 * problem carries the request id the request would have had, and the
 * security headers; no CORS headers, since a browser never sends `Expect`
 * (a forbidden header name in Fetch). The connection stays open: Node reads
 * and drops the body, if one comes, as after any early answer.
 */
export function answerUnmetExpectations(fastify: FastifyInstance): void {
  fastify.server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const requestId = requestIdOf(request);
    const path = (request.url ?? '/').split('?')[0];
    const body = JSON.stringify(toProblem(new HttpException(DETAIL, 417), path, requestId));
    // Fastify logs no completion line for a request it never saw: this is its request line.
    fastify.log.info({ requestId, method: request.method, route: path, statusCode: 417 }, 'request completed');
    response.writeHead(417, {
      ...SECURITY_HEADERS,
      [REQUEST_ID_HEADER]: requestId,
      ...PROBLEM_HEADERS,
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
}
