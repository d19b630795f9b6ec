import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from './caller.interface.js';

const CALLER = Symbol('caller');

type WithCaller = { [CALLER]?: Caller };

/** Records the authenticated caller on the request (the guard does this). */
export function attachCaller(request: object, caller: Caller): void {
  (request as WithCaller)[CALLER] = caller;
}

/** The caller the guard recorded on this request, if any. */
export function callerOf(request: object): Caller | undefined {
  return (request as WithCaller)[CALLER];
}

/** CurrentCaller's factory, by name so that serveTokenEndpoints can recognise the parameter. */
export function currentCaller(_data: unknown, context: ExecutionContext): Caller {
  const caller = callerOf(context.switchToHttp().getRequest<object>());
  if (!caller) throw new Error('No caller on this request: token routes must not be @Public()');
  return caller;
}

/**
 * The authenticated caller of a token route, for the handler to pass to its
 * token service. Throws if the guard did not run (a route marked `@Public()`
 * has no caller), so a token can never be issued without one.
 */
export const CurrentCaller = createParamDecorator(currentCaller);
