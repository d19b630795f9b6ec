import type { FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Problem } from '../problem/problem.types.js';
import { SECURITY_HEADERS } from './http-hardening.js';

/** What Node reports on a connection whose request cannot be read (the `clientError` event). */
interface ClientError extends Error {
  code?: string;
}

/** How long a client may take to read the answer and close its side before the connection is cut. */
const LINGER_MS = 1000;

/** The answer for each kind of unreadable request; anything else the parser refuses is a 400. */
const ANSWERS: Readonly<Record<string, { status: number; detail: string }>> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request was not received in time.' },
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are too large.' },
};

/**
 * Fastify's clientErrorHandler: a request Node's HTTP parser refuses
 * (duplicate Content-Length, Content-Length with Transfer-Encoding, headers
 * too large, a malformed request line) or that timed out (see
 * serverTimeoutOptions) gets a problem like every other error, then the
 * connection closes: the parser cannot find where a next request would start.
 * There is no request yet, so no request id and no instance. Bound to the
 * Fastify instance by Fastify.
 *
 * Logs the error's code and message only: Fastify's default handler logs the
 * error whole, and its `rawPacket` is the raw request, credentials included.
 */
export function answerClientError(this: FastifyInstance, error: ClientError, socket: Socket): void {
  // A reset connection has nobody to answer; one already answered is only closing: more bytes from the client
  // (which raise this again, the parser having given up) end it.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const { status, detail } = ANSWERS[error.code ?? ''] ?? { status: 400, detail: malformed(error) };
  this.log.debug({ code: error.code, status }, 'Unreadable request');
  // A timeout can also hit a request already answered before its body came in whole (a GET with a body): the
  // 408 then follows that answer, as the unsolicited 408 before a close that RFC 9110 §15.5.9 allows.
  socket.end(problemResponse(status, detail));
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** Node words a parser error `Parse Error: <llhttp's reason>`, a fixed phrase that never quotes the request. */
function malformed(error: ClientError): string {
  const reason = error.code?.startsWith('HPE_') ? error.message.replace(/^Parse Error: /, '') : '';
  return `The request is not well-formed HTTP/1.1${reason ? ` (${reason})` : ''}.`;
}

/** A whole HTTP/1.1 response, written straight to the socket: no ServerResponse exists for an unreadable request. */
function problemResponse(status: number, detail: string): string {
  const title = STATUS_CODES[status] ?? 'Error';
  const problem: Problem = { type: PROBLEM_TYPES.generic, title, status, detail };
  const body = JSON.stringify(problem);
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} ${title}\r\n${head.join('')}\r\n${body}`;
}
