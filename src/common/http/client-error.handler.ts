import { HttpException } from '@nestjs/common';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { REQUEST_ID_HEADER } from '../logging/request-id.js';
import { PROBLEM_HEADERS, PROBLEM_TYPES, type Problem } from '../problem/problem.types.js';
import { toProblem } from '../problem/to-problem.js';
import { SECURITY_HEADERS } from './security-headers.js';

/** What Node reports on a connection whose request cannot be read (the `clientError` event). */
interface ClientError extends Error {
  code?: string;
}

/** How long a client may take to read the answer and close its side before the connection is cut. */
export const LINGER_MS = 1000;

const TIMED_OUT = { status: 408, detail: 'The request was not received in time.' };

/** The answer for each kind of unreadable request; anything else the parser refuses is a 400. */
const ANSWERS: Readonly<Record<string, { status: number; detail: string }>> = {
  ERR_HTTP_REQUEST_TIMEOUT: TIMED_OUT,
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are too large.' },
};

/** What a 408 needs of a connection's latest request: its id and path, and whether it is whole and answered. */
interface LatestRequest {
  id: string;
  url: string;
  raw: IncomingMessage;
  response: ServerResponse;
}

/**
 * Each connection's latest request: a timeout that hits while its body is still on its way belongs
 * to it. Only what a 408 needs is kept (not the parsed body). Keyed weakly: a closed connection
 * lets go of it.
 */
const latestRequests = new WeakMap<Socket, LatestRequest>();

/**
 * Remembers a connection's latest request, so that a 408 for it can carry its id and path, and a
 * shutdown can tell a request still arriving from one being answered. Call it from an onRequest
 * hook (at onRequest no body has been read yet): one weak-map write per request.
 */
export function rememberLatestRequest(request: FastifyRequest, reply: FastifyReply): void {
  latestRequests.set(request.raw.socket, { id: request.id, url: request.url, raw: request.raw, response: reply.raw });
}

/**
 * Fastify's clientErrorHandler: a request Node's HTTP parser refuses
 * (duplicate Content-Length, Content-Length with Transfer-Encoding, headers
 * too large, a malformed request line) or that timed out (see
 * serverTimeoutOptions) gets a problem like every other error, then the
 * connection closes: the parser cannot find where a next request would start.
 * A refused request was never routed, so its problem has no request id and no
 * instance; a request that timed out has them once its headers were whole
 * (the body was late), not while its headers were still arriving. Bound to
 * the Fastify instance by Fastify.
 *
 * Pipelining: when a valid request is followed in the same packet by a
 * malformed one, only the 400 is answered (the parser fails before the first
 * request's answer is written), as Node's own handler does.
 *
 * Logs the error's code and message only: Fastify's default handler logs the
 * error whole, and its `rawPacket` is the raw request, credentials included.
 */
export function answerClientError(this: FastifyInstance, error: ClientError, socket: Socket): void {
  // A reset connection has nobody to answer; one already answered is only closing: more bytes from the client
  // (which raise this again, the parser having given up) end it.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = ANSWERS[error.code ?? ''] ?? { status: 400, detail: malformed(error) };
  answerOnSocket(socket, answer, this.log, error.code);
}

/**
 * Ends a connection whose request is not whole (or whose client sends none) with the same 408
 * problem as a request timeout: for connections still open when a shutdown has to end them.
 * A connection already sending an answer its client does not read is cut without one. A request
 * that arrived whole and is still being answered (waiting on the JWKS or Redis) is left alone, and
 * false returned: its answer is on its way, and the shutdown deadline still bounds it.
 */
export function endWithRequestTimeout(socket: Socket, log: FastifyBaseLogger): boolean {
  if (socket.destroyed) return true;
  const latest = latestRequests.get(socket);
  if (latest?.raw.complete && !latest.response.writableEnded) return false;
  if (socket.writableLength > 0) {
    socket.destroy();
    return true;
  }
  answerOnSocket(socket, TIMED_OUT, log, 'shutdown');
  return true;
}

function answerOnSocket(socket: Socket, { status, detail }: { status: number; detail: string }, log: FastifyBaseLogger, code?: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const pending = status === 408 ? latestRequests.get(socket) : undefined;
  const request = pending && !pending.raw.complete ? pending : undefined;
  log.debug({ code, status, requestId: request?.id }, 'Unreadable request');
  // A timeout can also hit a request already answered before its body came in whole (a GET with a body): the
  // 408 then follows that answer, as the unsolicited 408 before a close that RFC 9110 §15.5.9 allows.
  socket.end(problemResponse(status, detail, request));
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** Node words a parser error `Parse Error: <llhttp's reason>`, a fixed phrase that never quotes the request. */
function malformed(error: ClientError): string {
  const reason = error.code?.startsWith('HPE_') ? error.message.replace(/^Parse Error: /, '') : '';
  return `The request is not well-formed HTTP/1.1${reason ? ` (${reason})` : ''}.`;
}

/** A whole HTTP/1.1 response, written straight to the socket: Node gives the handler no ServerResponse. */
function problemResponse(status: number, detail: string, request?: LatestRequest): string {
  const body = JSON.stringify(problemOf(status, detail, request));
  const headers = {
    ...SECURITY_HEADERS,
    ...(request ? { [REQUEST_ID_HEADER]: request.id } : {}),
    ...PROBLEM_HEADERS,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${head.join('')}\r\n${body}`;
}

/** With the request it concerns, the problem names it (instance, request id), as every other problem does. */
function problemOf(status: number, detail: string, request?: LatestRequest): Problem {
  if (request) return toProblem(new HttpException(detail, status), request.url.split('?')[0], request.id);
  return { type: PROBLEM_TYPES.generic, title: STATUS_CODES[status] ?? 'Error', status, detail };
}
