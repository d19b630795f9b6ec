import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withHeaders } from '../../common/problem/problem-headers.js';
import type { Caller } from '../caller.interface.js';
import { addressKey } from './client-address.js';
import { rateLimitConfig } from './rate-limit.config.js';
import { RateLimitStore } from './rate-limit.store.js';

/**
 * One budget per caller, shared by every token route: per API key id, JWT
 * identity, or client address (anonymous callers and refused credentials).
 * Every answer carries the X-RateLimit-* headers; over the budget it is a 429
 * with Retry-After.
 *
 * It counts straight into the store (RateLimitStore) rather
 * than through @nestjs/throttler's guard, which resolves five pieces of route
 * metadata and allocates a few kilobytes per request to support per-route
 * limits this service does not have: on the hot path of every token that was
 * a measurable share of it.
 */
@Injectable()
export class CallerRateLimiter {
  private readonly limit: number;

  constructor(
    @Inject(rateLimitConfig.KEY) config: ConfigType<typeof rateLimitConfig>,
    private readonly store: RateLimitStore,
  ) {
    this.limit = config.perMinute;
  }

  /** Counts this request against `caller` (its address when there is none); a 429 once the budget is spent. */
  async count(request: FastifyRequest, reply: FastifyReply, caller: Caller | undefined): Promise<void> {
    const count = await this.store.hit(trackerOf(request, caller));
    const secondsLeft = Math.max(1, Math.ceil(count.msBeforeNext / 1000));
    reply.header('X-RateLimit-Limit', this.limit);
    reply.header('X-RateLimit-Remaining', count.remainingPoints);
    reply.header('X-RateLimit-Reset', secondsLeft);
    if (count.consumedPoints <= this.limit) return;
    throw withHeaders(
      new HttpException(
        `Too many token requests: at most ${this.limit} a minute for each caller. Retry after ${secondsLeft} seconds.`,
        HttpStatus.TOO_MANY_REQUESTS,
      ),
      { 'Retry-After': String(secondsLeft) },
    );
  }
}

/**
 * Whose budget a request spends. Anonymous callers and refused credentials
 * count by address, an IPv6 /64 as one address, so a client cannot take a
 * fresh budget (or more key guesses) from each address it holds.
 */
function trackerOf(request: FastifyRequest, caller: Caller | undefined): string {
  if (caller && caller.kind !== 'anonymous') return `${caller.kind}:${caller.id}`;
  // An anonymous caller's id is its address already (request.ip re-parses X-Forwarded-For when trusted).
  return `anonymous:${addressKey(caller?.id ?? request.ip)}`;
}
