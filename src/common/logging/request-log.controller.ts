import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { TokenSummary } from '../../agora/token-summary.js';
import type { Caller } from '../../auth/caller.interface.js';
import { callerOf } from '../../auth/current-caller.decorator.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the response's tokens grant, captured before serialization for the request log. */
    issuedTokens?: TokenSummary[];
  }
}

/** The fields of the one line logged per request. */
export interface RequestLine {
  method: string;
  /** The route pattern (`/v1/rtc/token`), or the path when no route matched. */
  route: string;
  statusCode: number;
  durationMs: number;
  /** Who asked: the API key's id, the JWT identity or (AUTH_MODE=none) the client address. */
  caller?: Pick<Caller, 'kind' | 'id'>;
  /** What each token in the response grants; never the token. */
  issued?: TokenSummary[];
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
  const caller = callerOf(request);
  return {
    method: request.method,
    // Never the query string: it is not ours to log.
    route: request.routeOptions.url ?? request.url.split('?')[0],
    statusCode: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
    ...(caller ? { caller: { kind: caller.kind, id: caller.id } } : {}),
    ...(request.issuedTokens ? { issued: request.issuedTokens } : {}),
  };
}
