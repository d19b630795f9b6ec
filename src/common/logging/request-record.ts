/**
 * What the request log line says about a request beyond HTTP: who asked
 * (the subject, recorded by auth's attachCaller) and what was issued to them
 * (recorded by the token issuer). It lives on the request, not on the
 * response body, and common knows neither callers nor tokens: only that
 * both are made of fields that can never hold a secret.
 */

/** Who made a request, as the log line names them: a kind of caller and an id, never a credential. */
export interface RequestSubject {
  readonly kind: string;
  readonly id: string;
}

/** Keys on the request (and, for the way back, on its subject); declared with Fastify in registerRequestLogging. */
export const SUBJECT = Symbol('subject');
export const ISSUED = Symbol('issued');
export const PROJECT = Symbol('project');
export const TRACE = Symbol('trace');
const REQUEST = Symbol('request');

interface Recorded {
  [SUBJECT]?: RequestSubject;
  [ISSUED]?: object[];
  [PROJECT]?: string;
  [TRACE]?: object;
}

/**
 * Records who made `request`, and links the subject back to it, so that
 * whatever is issued to the subject is recorded on its request (see recordIssued).
 * A subject is made per request (every caller-auth strategy returns a new one).
 */
export function recordSubject(request: object, subject: RequestSubject): void {
  (request as Recorded)[SUBJECT] = subject;
  (subject as { [REQUEST]?: object })[REQUEST] = request;
}

/** Who made the request, if anyone was recorded. */
export function subjectOf(request: object): RequestSubject | undefined {
  return (request as Recorded)[SUBJECT];
}

/**
 * Records what was issued to `subject` on the request it came with: a summary
 * made only of fields that can never hold a secret (the request line skips
 * redaction). Nothing is recorded for a subject no request recorded (a unit spec's caller).
 */
export function recordIssued(subject: RequestSubject, summary: object): void {
  const request = (subject as { [REQUEST]?: Recorded })[REQUEST];
  if (request === undefined) return;
  const issued = request[ISSUED];
  if (issued === undefined) request[ISSUED] = [summary];
  else issued.push(summary);
}

/** What was issued while answering the request, if anything. */
export function issuedOn(request: object): readonly object[] | undefined {
  return (request as Recorded)[ISSUED];
}

/**
 * Records the name of the project that answers the subject's request (never its credentials): the request
 * log line and any problem answered to the request name it.
 */
export function recordProject(subject: RequestSubject, name: string): void {
  const request = (subject as { [REQUEST]?: Recorded })[REQUEST];
  if (request !== undefined) request[PROJECT] = name;
}

/** The project that answered the request, if one was chosen. */
export function projectOf(request: object): string | undefined {
  return (request as Recorded)[PROJECT];
}

/**
 * Records the ids of the request's trace (tracing on: src/telemetry), for the request line, which is written
 * when the answer is sent, outside the request's trace context (other lines get them from the log mixin).
 */
export function recordTrace(request: object, fields: object): void {
  (request as Recorded)[TRACE] = fields;
}

/** The ids of the request's trace, if tracing recorded them. */
export function traceOf(request: object): object | undefined {
  return (request as Recorded)[TRACE];
}
