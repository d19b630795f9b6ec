import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import { ApiKeyVerifier } from './api-keys/api-key.verifier.js';
import { authConfig } from './auth.config.js';
import { AuthenticationFailure } from './auth-failure.exception.js';
import type { Caller } from './caller.interface.js';
import { JwtVerifier } from './jwt/jwt.verifier.js';

/** Three base64url segments: a compact JWS. API keys never contain dots. */
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;
export const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Turns a request's credentials into a Caller, as AUTH_MODE allows:
 * `X-API-Key: <key>` or `Authorization: Bearer <key>` for API keys,
 * `Authorization: Bearer <jwt>` for JWTs. With `apikey,jwt`, a bearer value
 * shaped like a JWT is verified as one, anything else as a key; X-API-Key
 * wins over Authorization when both are sent.
 */
@Injectable()
export class Authenticator {
  private readonly apiKeys: boolean;
  private readonly jwts: boolean;

  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    private readonly keyVerifier: ApiKeyVerifier,
    private readonly jwtVerifier: JwtVerifier,
  ) {
    this.apiKeys = config.methods.has('apikey');
    this.jwts = config.methods.has('jwt');
  }

  /** The challenge a 401 carries, naming the schemes this server accepts. */
  challenge(failure: AuthenticationFailure): string {
    const error = failure.reason === 'invalid' ? ', error="invalid_token"' : '';
    const schemes = [];
    if (this.apiKeys) schemes.push('ApiKey realm="agora-token-service", header="X-API-Key"');
    schemes.push(`Bearer realm="agora-token-service"${error}`);
    return schemes.join(', ');
  }

  /** The caller; an AuthenticationFailure when credentials are missing or not accepted. */
  async authenticate(request: FastifyRequest): Promise<Caller> {
    if (!this.apiKeys && !this.jwts) return { kind: 'anonymous', id: request.ip };
    const apiKeyHeader = request.headers['x-api-key'];
    if (this.apiKeys && apiKeyHeader !== undefined) {
      return this.withKey(typeof apiKeyHeader === 'string' ? apiKeyHeader : undefined);
    }
    const authorization = request.headers.authorization;
    if (authorization === undefined) throw new AuthenticationFailure('missing');
    const bearer = BEARER.exec(authorization)?.[1];
    if (bearer === undefined) throw new AuthenticationFailure('invalid', 'not a bearer credential');
    if (this.jwts && (!this.apiKeys || JWT_SHAPE.test(bearer))) return this.jwtVerifier.verify(bearer);
    return this.withKey(bearer);
  }

  private withKey(key: string | undefined): Caller {
    const caller = key ? this.keyVerifier.verify(key) : undefined;
    if (!caller) throw new AuthenticationFailure('invalid', 'unknown API key');
    return caller;
  }
}
