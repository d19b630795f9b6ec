import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WithRouteConfig } from '../../common/http/route-config.js';
import { REQUEST_ID_HEADER } from '../../common/logging/request-id.js';
import { BEFORE_BODY, type BeforeBodyCheck } from '../../common/validation/body-validation.hook.js';
import type { LegacyErrorDto } from '../dto/legacy-error.dto.js';
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
  if (!sentRequestId(request)) throw new LegacyErrorException(FORK_REQUEST_ID_REQUIRED);
  return request.id;
});

function sentRequestId(request: FastifyRequest): boolean {
  const sent = request.headers[REQUEST_ID_HEADER];
  return typeof sent === 'string' && sent.trim() !== '';
}

/** The fork's 400 for a request without the header, answered before the body step reads the body. */
const requireForkRequestId: BeforeBodyCheck = async (request: FastifyRequest, reply: FastifyReply) => {
  if (sentRequestId(request)) return;
  const body: LegacyErrorDto = { error: FORK_REQUEST_ID_REQUIRED };
  return reply.code(400).header('Content-Type', 'application/json; charset=utf-8').send(body);
};

/**
 * On every route of a controller, the X-Request-ID rule comes before the body, as the fork's group middleware ran
 * before its handlers bound the body: a request without the header is the fork's 400, whatever its body holds.
 * The handlers still take the id with {@link ForkRequestId}.
 */
export const ForkRequestIdFirst = (): ClassDecorator => WithRouteConfig({ [BEFORE_BODY]: requireForkRequestId });
