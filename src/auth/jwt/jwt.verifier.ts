import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { ACCOUNT_MAX_BYTES } from '../../agora/agora.constants.js';
import { authConfig } from '../auth.config.js';
import { AuthenticationFailure, JwksUnavailable } from '../auth-failure.exception.js';
import type { JwtCaller } from '../caller.interface.js';
import { isWellFormedText } from '../../common/validation/well-formed-text.js';

/**
 * Asymmetric signatures only. jose's JWKS already refuses `none` and HMAC
 * (HS*: its "public" key would be a shared secret); this list is a second
 * layer, so a future jose default cannot widen what is accepted.
 */
const JWT_ALGORITHMS = [
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
  'EdDSA', 'Ed25519',
];

/**
 * Verifies end-user JWTs against the JWKS at JWT_JWKS_URL (jose caches the
 * keys for 10 minutes and refetches, at most every 30 s, when a token names
 * an unknown key), requiring JWT_ISSUER and JWT_AUDIENCE, and reads the
 * caller's identity and channel globs from the claims.
 */
@Injectable()
export class JwtVerifier implements OnModuleInit {
  private readonly logger = new Logger(JwtVerifier.name);
  /** Set up once at start-up, when AUTH_MODE accepts JWTs. */
  private verifying?: { jwks: JWTVerifyGetKey; options: JWTVerifyOptions; settings: NonNullable<ConfigType<typeof authConfig>['jwt']> };

  constructor(@Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>) {}

  onModuleInit(): void {
    if (!this.config.jwt) return;
    const remote = createRemoteJWKSet(this.config.jwt.jwksUrl, { timeoutDuration: 5000 });
    // Failures to reach the JWKS are told apart here, where they happen, from a token naming no known key,
    // and logged once when the JWKS goes down (with the cause) and once when it is back, not per request.
    let down = false;
    const jwks: JWTVerifyGetKey = async (header, token) => {
      try {
        const key = await remote(header, token);
        if (down) this.logger.log('The JWKS at JWT_JWKS_URL answers again: JWTs are verified.');
        down = false;
        return key;
      } catch (error) {
        if (isKeyMismatch(error)) throw error;
        if (!down) {
          const cause = error instanceof Error ? error.message : String(error);
          this.logger.warn(`The JWKS at JWT_JWKS_URL could not be read (${cause}): JWTs cannot be verified.`);
        }
        down = true;
        throw new JwksUnavailable();
      }
    };
    const settings = this.config.jwt;
    const { issuer, audience } = settings;
    // A token without an expiry would open the service to its holder for ever.
    this.verifying = { jwks, settings, options: { issuer, audience: [...audience], algorithms: JWT_ALGORITHMS, requiredClaims: ['exp'] } };
  }

  /** The end user this JWT stands for; a 401 if it is not valid here, a 503 if the JWKS is unreachable. */
  async verify(token: string): Promise<JwtCaller> {
    // The Authenticator asks only when AUTH_MODE accepts JWTs, which is when this is set up.
    if (!this.verifying) throw new Error('JWT verification was asked for, but AUTH_MODE accepts no JWTs');
    const { jwks, options, settings } = this.verifying;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, options));
    } catch (error) {
      if (error instanceof JwksUnavailable) throw error;
      throw new AuthenticationFailure('invalid', error instanceof errors.JOSEError ? error.code : 'unreadable JWT');
    }
    const id = identityOf(payload[settings.identityClaim]);
    if (id === undefined) throw new AuthenticationFailure('invalid', `no usable ${settings.identityClaim} claim`);
    const caller: { -readonly [K in keyof JwtCaller]: JwtCaller[K] } = { kind: 'jwt', id };
    if (settings.channelsClaim) caller.channels = globsOf(payload[settings.channelsClaim]);
    if (settings.projectsClaim) caller.projects = globsOf(payload[settings.projectsClaim]);
    if (settings.servicesClaim) caller.services = globsOf(payload[settings.servicesClaim]);
    return caller;
  }
}

/**
 * The JWKS answered but holds no key for this token. Anything else (timeout,
 * network error, non-200 or malformed answer) means it could not be read.
 */
function isKeyMismatch(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JWKInvalid
  );
}

function identityOf(claim: unknown): string | undefined {
  const id = typeof claim === 'number' && Number.isSafeInteger(claim) ? String(claim) : claim;
  // An identity the service could not sign as sent (a lone surrogate) is no identity: a 401, never U+FFFD.
  if (typeof id !== 'string' || id === '' || !isWellFormedText(id) || Buffer.byteLength(id) > ACCOUNT_MAX_BYTES) return undefined;
  return id;
}

/** An array of globs (or names), or a space-separated string of them (as OAuth scopes are written). */
function globsOf(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(/\s+/).filter(Boolean);
  if (Array.isArray(claim)) return claim.filter((glob): glob is string => typeof glob === 'string' && glob !== '');
  return [];
}
