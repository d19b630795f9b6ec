import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../caller.interface.js';
import { bearerOf, type CallerAuthStrategy } from '../strategies/caller-auth.strategy.js';
import { JwtVerifier } from './jwt.verifier.js';

/** Three base64url segments: a compact JWS. */
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** Whether a bearer value is shaped like a JWT (API keys never contain dots). */
export function looksLikeJwt(bearer: string): boolean {
  return JWT_SHAPE.test(bearer);
}

/** End users' JWTs, for browsers and apps: `Authorization: Bearer <jwt>`. */
@Injectable()
export class JwtStrategy implements CallerAuthStrategy {
  readonly method = 'jwt';
  readonly headers = ['authorization'];

  constructor(private readonly verifier: JwtVerifier) {}

  claim(request: FastifyRequest): string | undefined {
    const bearer = bearerOf(request);
    return bearer !== undefined && looksLikeJwt(bearer) ? bearer : undefined;
  }

  verify(token: string): Promise<Caller> {
    return this.verifier.verify(token);
  }
}
