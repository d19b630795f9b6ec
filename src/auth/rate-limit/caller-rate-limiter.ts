import { HttpException, HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { callerOf } from '../current-caller.decorator.js';

/**
 * @nestjs/throttler keyed by caller rather than by route: one budget per API
 * key id, JWT identity, or client address (anonymous callers and refused
 * credentials), shared by every token route. Not a global guard itself: the
 * CallerGuard runs it after authentication, on token routes only.
 */
@Injectable()
export class CallerRateLimiter extends ThrottlerGuard {
  // Declared here rather than inherited: @nestjs/throttler is CommonJS, and
  // where it gets its own copy of @nestjs/core (Jest), its Reflector would be
  // another class than the app's.
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const caller = callerOf(request);
    if (caller && caller.kind !== 'anonymous') return `${caller.kind}:${caller.id}`;
    // Anonymous callers and refused credentials count by address, normalized as
    // @nestjs/throttler does: an IPv6 /64 is one address, so a client cannot
    // take a fresh budget (or more key guesses) from each address it holds.
    return `anonymous:${await super.getTracker(request)}`;
  }

  /** Hashed, so identities and addresses do not appear as Redis keys. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${createHash('sha256').update(tracker).digest('base64url')}`;
  }

  /** The app's own HttpException (not ThrottlerException, for the same reason as the constructor): a 429 problem. */
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    { limit, timeToBlockExpire }: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new HttpException(
      `Too many token requests: at most ${limit} a minute for each caller. Retry after ${timeToBlockExpire} seconds.`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
