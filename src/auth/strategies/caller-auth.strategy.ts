import type { FastifyRequest } from 'fastify';
import type { Caller } from '../caller.interface.js';

/** The caller-authentication methods, in the order they claim a request's credentials. AUTH_MODE lists some of them. */
export const AUTH_METHODS = ['apikey', 'jwt'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** `Authorization: Bearer <value>`: the header API keys and JWTs share. */
export const BEARER = /^Bearer +(\S+) *$/i;

/** The bearer value of a request, or undefined. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  return authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
}

/**
 * One way for a caller to prove who it is (an API key, an end-user JWT). The Authenticator asks
 * the enabled strategies, in AUTH_METHODS order, which one understands the request's credentials,
 * and lets that one verify them. Adding a method is a strategy, a line in AUTH_METHODS and its
 * provider in AuthModule.
 */
export interface CallerAuthStrategy {
  readonly method: AuthMethod;
  /** Request headers this method reads: a request with none of them has sent no credentials for it. */
  readonly headers: readonly string[];
  /** This method's own WWW-Authenticate challenge, if it has a scheme besides Bearer. */
  readonly challenge?: string;
  /** The credential in this request that this method understands, or undefined. */
  claim(request: FastifyRequest): string | undefined;
  /** The caller the credential names; throws AuthenticationFailure (401) or a 503 when it cannot tell. */
  verify(credential: string): Caller | Promise<Caller>;
}

/** The injection token of the enabled strategies, in AUTH_METHODS order. */
export const CALLER_AUTH_STRATEGIES = Symbol('CALLER_AUTH_STRATEGIES');
