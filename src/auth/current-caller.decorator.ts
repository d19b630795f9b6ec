import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { recordSubject, subjectOf } from '../common/logging/request-record.js';
import type { Caller } from './caller.interface.js';

/**
 * Records the authenticated caller on the request (the caller gate does this), as the
 * request's subject: the request log names it, and the token issuer records what it
 * issues to this caller on this request (see common/logging/request-record.ts).
 */
export function attachCaller(request: object, caller: Caller): void {
  recordSubject(request, caller);
}

/** The caller the gate recorded on this request, if any. */
export function callerOf(request: object): Caller | undefined {
  // Only attachCaller records a subject.
  return subjectOf(request) as Caller | undefined;
}

/** CurrentCaller's factory: the caller the caller step recorded (see gateRoutes). */
export function currentCaller(_data: unknown, context: ExecutionContext): Caller {
  const caller = callerOf(context.switchToHttp().getRequest<object>());
  if (!caller) throw new Error('No caller on this request: token routes must not be @Public()');
  return caller;
}

/**
 * The authenticated caller of a token route, for the handler to pass to the
 * TokenIssuer. Throws if the caller gate did not run (a route marked `@Public()`
 * has no caller), so a token can never be issued without one.
 */
export const CurrentCaller = createParamDecorator(currentCaller);
