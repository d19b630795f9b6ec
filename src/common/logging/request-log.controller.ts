import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { TokenSummary } from '../../agora/token-summary.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the response's token grants, captured before serialization for the request log. */
    issuedToken?: TokenSummary;
  }
}

/** The fields of the one line logged per request. */
export interface RequestLine {
  method: string;
  /** The route pattern (`/v1/rtc/token`), or the path when no route matched. */
  route: string;
  statusCode: number;
  durationMs: number;
  /** What the response's token grants; never the token. */
  issued?: TokenSummary;
}

/**
 * Fastify logs two lines per request ("incoming request", "request
 * completed"); a token server answers thousands a second, so this logs one,
 * when the response is sent, with everything a log pipeline needs. The
 * request id is bound to `request.log`, so it is on this line too.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  /** The completed line already says 404 and the path. */
  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = requestLine(request, reply);
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request completed');
  }
}

export function requestLine(request: FastifyRequest, reply: FastifyReply): RequestLine {
  return {
    method: request.method,
    // Never the query string: it is not ours to log.
    route: request.routeOptions.url ?? request.url.split('?')[0],
    statusCode: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
    ...(request.issuedToken ? { issued: request.issuedToken } : {}),
  };
}
