import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthenticationFailure } from '../auth-failure.exception.js';
import type { Caller } from '../caller.interface.js';
import { bearerOf, type CallerAuthStrategy } from '../strategies/caller-auth.strategy.js';
import { looksLikeJwt } from '../jwt/jwt.strategy.js';
import { ApiKeyVerifier } from './api-key.verifier.js';

/**
 * API keys, for back ends: `X-API-Key: <key>`, or `Authorization: Bearer <key>` when the value is
 * not shaped like a JWT (keys never contain dots). X-API-Key wins over Authorization.
 */
@Injectable()
export class ApiKeyStrategy implements CallerAuthStrategy {
  readonly method = 'apikey';
  readonly headers = ['x-api-key', 'authorization'];
  readonly challenge = 'ApiKey realm="agora-token-service", header="X-API-Key"';

  constructor(private readonly verifier: ApiKeyVerifier) {}

  claim(request: FastifyRequest): string | undefined {
    const header = request.headers['x-api-key'];
    // Sent twice, it is no key: claimed, so that it is refused rather than another header tried.
    if (header !== undefined) return typeof header === 'string' ? header : '';
    const bearer = bearerOf(request);
    return bearer !== undefined && !looksLikeJwt(bearer) ? bearer : undefined;
  }

  verify(key: string): Caller {
    const caller = key ? this.verifier.verify(key) : undefined;
    if (!caller) throw new AuthenticationFailure('invalid', 'unknown API key');
    return caller;
  }
}
