import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withHeaders } from '../common/problem/problem-headers.js';
import { AuthenticationFailure } from './auth-failure.exception.js';
import { Authenticator } from './authenticator.service.js';
import type { Caller } from './caller.interface.js';
import { attachCaller } from './current-caller.decorator.js';
import { CallerRateLimiter } from './rate-limit/caller-rate-limiter.js';

/**
 * What every token route does before anything else: find the caller, as
 * AUTH_MODE defines one, and count the request against that caller's rate
 * limit. Refused credentials count against the client address, so guessing
 * keys is rate-limited too. The request pipeline runs it before the handler of
 * every route that is not public (see gateRoutes).
 */
@Injectable()
export class CallerGate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly rateLimiter: CallerRateLimiter,
  ) {}

  /** The caller, recorded on the request; throws the 401, 429 or 503 to answer instead. */
  async admit(request: FastifyRequest, reply: FastifyReply): Promise<Caller> {
    let caller: Caller | undefined;
    let failure: unknown;
    try {
      caller = await this.authenticator.authenticate(request);
      attachCaller(request, caller);
    } catch (error) {
      failure = error;
    }
    // Counted before a refusal is answered: without a caller, against the client address.
    await this.rateLimiter.count(request, reply, caller);
    if (caller) return caller;

    if (failure instanceof AuthenticationFailure) {
      // The reason goes to the debug log (the request's, so with its id), never the credential and never to the caller.
      request.log.debug(`Refused credentials on ${request.routeOptions.url}: ${failure.why ?? failure.reason}`);
      throw withHeaders(failure, { 'WWW-Authenticate': this.authenticator.challenge(failure) });
    }
    throw failure;
  }
}
