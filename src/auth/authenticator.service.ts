import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthenticationFailure } from './auth-failure.exception.js';
import type { Caller } from './caller.interface.js';
import { CALLER_AUTH_STRATEGIES, type CallerAuthStrategy } from './strategies/caller-auth.strategy.js';

/**
 * Turns a request's credentials into a Caller with the methods AUTH_MODE enables: the first
 * enabled strategy that understands the credentials verifies them (see CallerAuthStrategy).
 * With no method enabled, every caller is anonymous and known by its address.
 */
@Injectable()
export class Authenticator {
  /** The headers any enabled method reads. */
  private readonly headers: readonly string[];
  /** The WWW-Authenticate schemes: each method's own, then Bearer, which API keys and JWTs share. */
  private readonly schemes: readonly string[];

  constructor(@Inject(CALLER_AUTH_STRATEGIES) private readonly strategies: readonly CallerAuthStrategy[]) {
    this.headers = [...new Set(strategies.flatMap((strategy) => strategy.headers))];
    this.schemes = strategies.flatMap((strategy) => (strategy.challenge ? [strategy.challenge] : []));
  }

  /** The challenge a 401 carries, naming the schemes this server accepts. */
  challenge(failure: AuthenticationFailure): string {
    const error = failure.reason === 'invalid' ? ', error="invalid_token"' : '';
    return [...this.schemes, `Bearer realm="agora-token-service"${error}`].join(', ');
  }

  /** The caller; an AuthenticationFailure when credentials are missing or not accepted. */
  async authenticate(request: FastifyRequest): Promise<Caller> {
    if (this.strategies.length === 0) return { kind: 'anonymous', id: request.ip };
    for (const strategy of this.strategies) {
      const credential = strategy.claim(request);
      if (credential !== undefined) return strategy.verify(credential);
    }
    if (this.headers.every((header) => request.headers[header] === undefined)) throw new AuthenticationFailure('missing');
    throw new AuthenticationFailure('invalid', 'no credential this service accepts');
  }
}
