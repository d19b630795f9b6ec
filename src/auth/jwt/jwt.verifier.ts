import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { ACCOUNT_MAX_BYTES } from '../../agora/agora.constants.js';
import { authConfig } from '../auth.config.js';
import { AuthenticationFailure, JwksUnavailable } from '../auth-failure.exception.js';
import type { JwtCaller } from '../caller.interface.js';
import { isWellFormedText } from '../../common/validation/well-formed-text.js';
import { remoteKeySet, type RemoteKeySet } from './remote-key-set.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/** Longer tokens are not remembered: 10,000 of them could hold hundreds of MiB of claims. */
const MAX_REMEMBERED_TOKEN_LENGTH = 4096;

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
 * Verifies end-user JWTs against the JWKS at JWT_JWKS_URL (see remoteKeySet), requiring JWT_ISSUER and
 * JWT_AUDIENCE, and reads the caller's identity and channel globs from the claims.
 *
 * A verified token is remembered (VerifiedTokenCache) with the caller it stands for, so a browser sending
 * the same token again costs a digest and a lookup, not a signature check (an ES256 or RS256 verification is
 * most of a JWT request's time). Only the final caller is remembered, after every check below; it is served
 * only before the token's `exp` (and from its `nbf`), only while jose's copy of the JWKS is fresh, and
 * forgotten when a refetch brings a different key set.
 */
@Injectable()
export class JwtVerifier implements OnModuleInit {
  private readonly logger = new Logger(JwtVerifier.name);
  /** Set up once at start-up, when AUTH_MODE accepts JWTs. */
  private verifying?: { keys: RemoteKeySet; options: JWTVerifyOptions; settings: NonNullable<ConfigType<typeof authConfig>['jwt']> };
  private readonly cache = new VerifiedTokenCache<JwtCaller>();
  private counts = { hits: 0, verifications: 0 };

  constructor(@Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>) {}

  onModuleInit(): void {
    if (!this.config.jwt) return;
    const keys = remoteKeySet(this.config.jwt.jwksUrl, this.logger, () => this.cache.clear());
    const settings = this.config.jwt;
    const { issuer, audience } = settings;
    // A token without an expiry would open the service to its holder for ever.
    this.verifying = { keys, settings, options: { issuer, audience: [...audience], algorithms: JWT_ALGORITHMS, requiredClaims: ['exp'] } };
  }

  /** The end user this JWT stands for; a 401 if it is not valid here, a 503 if the JWKS is unreachable. */
  async verify(token: string): Promise<JwtCaller> {
    // The Authenticator asks only when AUTH_MODE accepts JWTs, which is when this is set up.
    if (!this.verifying) throw new Error('JWT verification was asked for, but AUTH_MODE accepts no JWTs');
    const { keys, options, settings } = this.verifying;
    // An outsized token (claims of many kilobytes) is verified every time: the bound is in entries, not bytes.
    const cacheKey = token.length <= MAX_REMEMBERED_TOKEN_LENGTH ? this.cache.keyOf(token) : undefined;
    // The second as jose reads it (no clock tolerance is configured), so a remembered token expires when jose would refuse it.
    const cached = cacheKey !== undefined && keys.fresh ? this.cache.get(cacheKey, Math.floor(Date.now() / 1000)) : undefined;
    if (cached) {
      this.counts.hits++;
      return { ...cached };
    }
    const generation = this.cache.generation;
    this.counts.verifications++;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys.getKey, options));
    } catch (error) {
      if (error instanceof JwksUnavailable) throw error;
      throw new AuthenticationFailure('invalid', error instanceof errors.JOSEError ? error.code : 'unreadable JWT');
    }
    const caller = callerOf(payload, settings);
    // jose has checked exp is a number (required) and nbf, if present, one too.
    if (cacheKey !== undefined) this.cache.set(cacheKey, caller, { exp: payload.exp!, nbf: payload.nbf }, generation);
    return { ...caller };
  }

  /**
   * Verified tokens held, and since start-up: requests answered from them, and full verifications (signature
   * and claims). For tests and diagnostics; no secret in it.
   */
  get cacheStats(): { readonly entries: number; readonly hits: number; readonly verifications: number } {
    return { entries: this.cache.size, ...this.counts };
  }
}

/**
 * The end user the verified claims name; a 401 without a usable identity. Frozen, as the cache's copy is shared by
 * every request that sends the token; each request gets a shallow copy of its own, since the request log records
 * what was issued on the caller object it is given (request-record.ts), and a shared one would mix requests' lines.
 */
function callerOf(payload: JWTPayload, settings: NonNullable<ConfigType<typeof authConfig>['jwt']>): JwtCaller {
  const id = identityOf(payload[settings.identityClaim]);
  if (id === undefined) throw new AuthenticationFailure('invalid', `no usable ${settings.identityClaim} claim`);
  const caller: { -readonly [K in keyof JwtCaller]: JwtCaller[K] } = { kind: 'jwt', id };
  if (settings.channelsClaim) caller.channels = Object.freeze(globsOf(payload[settings.channelsClaim]));
  if (settings.projectsClaim) caller.projects = Object.freeze(globsOf(payload[settings.projectsClaim]));
  if (settings.servicesClaim) caller.services = Object.freeze(globsOf(payload[settings.servicesClaim]));
  return Object.freeze(caller);
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
