import { ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { withHeaders } from '../common/problem/problem-headers.js';

/**
 * Missing or refused credentials: a 401, to which the CallerGate attaches the
 * `WWW-Authenticate` challenge. Its detail is the same for an unknown key, a malformed one
 * and a bad JWT, so it never tells whether a key exists.
 */
export class AuthenticationFailure extends UnauthorizedException {
  constructor(
    readonly reason: 'missing' | 'invalid',
    /** Why, for the debug log only. */
    readonly why?: string,
  ) {
    super(
      reason === 'missing'
        ? 'This route needs credentials: an API key in X-API-Key, or a token in Authorization: Bearer.'
        : 'The credentials were not accepted.',
    );
  }
}

/** The JWKS could not be fetched, so no JWT can be checked right now: a 503, not the caller's fault. */
export class JwksUnavailable extends ServiceUnavailableException {
  /** jose refetches a failed JWKS on the next request; this only paces clients. */
  static readonly RETRY_AFTER_SECONDS = 5;

  constructor() {
    super('JWTs cannot be verified right now; try again shortly.');
    withHeaders(this, { 'Retry-After': String(JwksUnavailable.RETRY_AFTER_SECONDS) });
  }
}
