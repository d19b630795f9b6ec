import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { MemoryWindowCounter, type WindowCount } from './memory-window-counter.js';
import { rateLimitConfig } from './rate-limit.config.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

/** One fixed window a minute, opened by a caller's first request: RATE_LIMIT_PER_MINUTE is the budget of each. */
const WINDOW_SECONDS = 60;

/** What readiness reports about the rate-limit counters. */
type RateLimitStoreStatus =
  | { store: 'memory'; up: true }
  | { store: 'redis'; up: boolean };

/**
 * The rate limiter's counters: fixed one-minute windows per caller, in Redis when REDIS_URL is set
 * (rate-limiter-flexible's script, shared by all replicas), in memory otherwise (our own
 * {@link MemoryWindowCounter}: no timer per caller, memory freed a generation at a time). While Redis is unreachable it
 * fails open to the in-memory counters, so each replica still enforces the limit on its own and token
 * issuance never waits on Redis.
 *
 * @example
 * // a request: its caller's count in this window, within the budget or over it
 * const { consumedPoints, remainingPoints, msBeforeNext } = await rateLimitStore.hit('apikey:backend');
 * // readiness (terminus): report the shared counters
 * const { store, up } = await rateLimitStore.ping();
 */
@Injectable()
export class RateLimitStore implements OnModuleInit, OnApplicationShutdown {
  /** The counters of this process; in-process keys need no hashing. */
  private readonly memory: MemoryWindowCounter;
  private readonly redis?: RedisRateLimiter;

  constructor(@Inject(rateLimitConfig.KEY) config: ConfigType<typeof rateLimitConfig>) {
    this.memory = new MemoryWindowCounter(config.perMinute, WINDOW_SECONDS * 1000);
    if (config.redisUrl) this.redis = new RedisRateLimiter(config.redisUrl, config.perMinute, WINDOW_SECONDS);
  }

  async onModuleInit(): Promise<void> {
    await this.redis?.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.memory.close();
    await this.redis?.close();
  }

  /**
   * Counts one request under `key`, in Redis while it answers, in this process otherwise. Resolves
   * with the count whether or not it is over the budget (`consumedPoints` > the budget when it is).
   */
  hit(key: string): Promise<WindowCount> {
    // Without Redis, straight to memory: this runs on every token request.
    if (!this.redis) return Promise.resolve(this.memory.hit(key));
    return this.redis.consume(key).then((count) => count ?? this.memory.hit(key));
  }

  /** Callers whose windows this process holds in memory (what the 100,000-callers spec bounds). */
  get callersInMemory(): number {
    return this.memory.size;
  }

  /** Whether the counters are where they should be: always for memory; for Redis, whether it answers a PING. */
  async ping(): Promise<RateLimitStoreStatus> {
    if (!this.redis) return { store: 'memory', up: true };
    return { store: 'redis', up: await this.redis.ping() };
  }
}
