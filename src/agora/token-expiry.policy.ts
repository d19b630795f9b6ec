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

  /** The lifetime to sign with; over the ceiling is a 400 naming `field`, never silently capped. */
  resolve(requested: number | undefined, field = 'expireSeconds'): number {
    const seconds = requested ?? this.limits.defaultExpireSeconds;
    this.check(seconds, field);
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
