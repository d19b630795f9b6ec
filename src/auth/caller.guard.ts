import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationFailure, JwksUnavailable } from './auth-failure.exception.js';
import { Authenticator } from './authenticator.service.js';
import { attachCaller } from './current-caller.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';
import { CallerRateLimiter } from './rate-limit/caller-rate-limiter.js';

/**
 * The global guard (APP_GUARD): every route that is not `@Public()` needs a
 * caller, as AUTH_MODE defines one, and counts against that caller's rate
 * limit. Refused credentials count against the client address, so guessing
 * keys is rate-limited too. Authorization of the token itself happens in the
 * token services, where /v1 and the compatibility routes meet.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly rateLimiter: CallerRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();

    let failure: unknown;
    try {
      attachCaller(request, await this.authenticator.authenticate(request));
    } catch (error) {
      failure = error;
    }
    // Counted before a refusal is answered: without a caller, against the client address.
    await this.rateLimiter.canActivate(context);
    if (failure === undefined) return true;

    if (failure instanceof AuthenticationFailure) {
      // The reason goes to the debug log, never the credential and never to the caller.
      this.logger.debug(`Refused credentials on ${request.routeOptions.url}: ${failure.why ?? failure.reason}`);
      reply.header('WWW-Authenticate', this.authenticator.challenge(failure));
    } else if (failure instanceof JwksUnavailable) {
      reply.header('Retry-After', String(JwksUnavailable.RETRY_AFTER_SECONDS));
    }
    throw failure;
  }
}
