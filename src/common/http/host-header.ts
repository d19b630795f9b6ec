import { BadRequestException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * Node's HTTP server options that leave the Host check to the service: Node's own check
 * (`requireHostHeader`) answers an empty 400 no hook can turn into a problem.
 */
export const HOST_CHECKED_BY_SERVICE = { requireHostHeader: false } as const;

/**
 * Whether this is an HTTP/1.1 request without a Host header, which RFC 9112 §3.2 tells a server to
 * refuse with a 400 (HTTP/1.0 may leave it out). One header read: call it from a hook every request
 * already runs, and refuse with {@link missingHost}.
 */
export function hostMissing(request: FastifyRequest): boolean {
  return request.headers.host === undefined && request.raw.httpVersionMinor === 1;
}

/** The 400 for a request {@link hostMissing} finds. */
export function missingHost(): BadRequestException {
  return new BadRequestException('An HTTP/1.1 request must send a Host header.');
}
