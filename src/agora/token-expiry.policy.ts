import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { tokenConfig } from './token.config.js';
import { ValidationProblemException } from '../common/problem/validation-problem.exception.js';

/**
 * Token lifetimes: the configured default when the caller names none, and
 * the configured ceiling (at most Agora's 24 h, which the DTOs enforce).
 */
@Injectable()
export class TokenExpiryPolicy {
  constructor(@Inject(tokenConfig.KEY) private readonly limits: ConfigType<typeof tokenConfig>) {}

  get defaultSeconds(): number {
    return this.limits.defaultExpireSeconds;
  }

  /**
   * The lifetime to sign with; over the ceiling is a 400 naming `expireSeconds`, never silently capped.
   * @param cap the caller's own ceiling (an API key's maxExpireSeconds): when it is below the configured
   *   default, it is the default, so that a capped key asking for no lifetime gets one it may have.
   */
  resolve(requested: number | undefined, cap?: number): number {
    const fallback = cap !== undefined && cap < this.limits.defaultExpireSeconds ? cap : this.limits.defaultExpireSeconds;
    const seconds = requested ?? fallback;
    this.check(seconds, 'expireSeconds');
    return seconds;
  }

  /** Refuses a lifetime above the configured ceiling. */
  check(seconds: number, field: string): void {
    if (seconds > this.limits.maxExpireSeconds) {
      throw ValidationProblemException.field(
        field,
        `${field} must not be greater than ${this.limits.maxExpireSeconds} (the configured maximum)`,
      );
    }
  }
}
