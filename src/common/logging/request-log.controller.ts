import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import { issuedOn, projectOf, subjectOf, traceOf, type RequestSubject } from './request-record.js';

/** The fields of the one line logged per request. */
interface RequestLine {
  /** On the request line only: other lines get it from the request's logger. */
  requestId?: string;
  method: string;
  /** The route pattern (`/v1/rtc/token`), or UNMATCHED when no route matched (a 404, a malformed URL). */
  route: string;
  statusCode: number;
  durationMs: number;
  /** Who asked: the API key's id, the JWT identity or (AUTH_MODE=none) the client address. */
  caller?: RequestSubject;
  /** The name of the project that answered (signed, or was refused for), never its credentials. */
  project?: string;
  /** What each token issued while answering grants (kind, channel, user); never the token. */
  issued?: readonly object[];
  /** With tracing on, the request span's `traceId` and `spanId`. */
  traceId?: string;
  spanId?: string;
}

/**
 * Fastify logs two lines per request ("incoming request", "request
 * completed"); a token server answers thousands a second, so this logs one,
 * when the response is sent, with everything a log pipeline needs, the
 * request id included (as on every other line of the request).
 */
export class RequestLogController extends LogController {
  /** A sibling of the root logger without redaction, for request lines only (see requestCompleted). */
  private lines?: FastifyBaseLogger;

  override incomingRequest(): void {}

  /** The completed line already says 404 and the path. */
  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) {
      reply.log.error({ ...requestLine(request, reply), err: error }, 'request failed');
      return;
    }
    // The line is built only from fields that cannot hold a secret (route pattern, status, caller id, token
    // summaries: never a token or a key), so it skips pino's redaction pass, which with wildcard paths clones
    // every nested object: a fifth of a token request's allocations. Every other line keeps redaction.
    this.lines ??= request.server.log.child({}, { redact: { paths: [] } });
    this.lines.info(requestLine(request, reply, request.id), 'request completed');
  }
}

/** The route of a request that matched none. */
export const UNMATCHED = '(no route)';

/** Built as one object, field by field: it is written for every request. */
function requestLine(request: FastifyRequest, reply: FastifyReply, requestId?: string): RequestLine {
  const line: RequestLine = {
    requestId,
    method: request.method,
    // Never the query string: it is not ours to log.
    // Never the path of a request no route matched: what a caller puts there (an account, a key sent to the
    // wrong URL) is as much theirs as a query string.
    route: request.routeOptions.url ?? UNMATCHED,
    statusCode: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
  };
  const caller = subjectOf(request);
  if (caller) line.caller = { kind: caller.kind, id: caller.id };
  const project = projectOf(request);
  if (project !== undefined) line.project = project;
  // A request that fails after signing a token (the second of two refused) delivered none: no `issued`.
  const issued = issuedOn(request);
  if (issued && reply.statusCode < 400) line.issued = issued;
  const trace = traceOf(request);
  return trace === undefined ? line : Object.assign(line, trace);
}
