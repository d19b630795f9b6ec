import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from '../../common/logging/request-id.js';
import { LegacyErrorException } from '../legacy-error.exception.js';

/** What the fork answered (400) to a /rtmp request without the header. */
export const FORK_REQUEST_ID_REQUIRED = 'X-Request-ID header is required';

/**
 * The fork's rule for its /rtmp/* routes: `X-Request-ID` is required (a 400 `{"error": "X-Request-ID header is
 * required"}` without it, or with it empty), and it is the id sent on to Agora. The value used is the request's id:
 * the caller's own when it is a safe header value (see src/common/logging/request-id.ts), a fresh UUID otherwise,
 * which the answer's `X-Request-ID` header then names. The route needs LegacyErrorFilter for the fork's shape.
 */
export const ForkRequestId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const sent = request.headers[REQUEST_ID_HEADER];
  if (typeof sent !== 'string' || sent.trim() === '') throw new LegacyErrorException(FORK_REQUEST_ID_REQUIRED);
  return request.id;
});
