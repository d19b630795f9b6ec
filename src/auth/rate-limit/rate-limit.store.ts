import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { MemoryWindowCounter } from './memory-window-counter.js';
import { rateLimitConfig } from './rate-limit.config.js';
import { RedisWindowCounter } from './redis-window-counter.js';
import type { WindowCount } from './window-count.interface.js';

/** What readiness reports about the rate-limit counters. */
type RateLimitStoreStatus =
  | { store: 'memory'; up: true }
  | { store: 'redis'; up: boolean };

/**
 * The rate limiter's counters: fixed one-minute windows per caller, in Redis when
 * REDIS_URL is set (shared by all replicas), in memory otherwise. While Redis
 * is unreachable it fails open to the in-memory counters, so each replica
 * still enforces the limit on its own and token issuance never waits on Redis.
 *
 * @example
 * // readiness (terminus): report the shared counters
 * const { store, up } = await rateLimitStore.ping();
 */
@Injectable()
export class RateLimitStore implements OnModuleInit, OnApplicationShutdown {
  private readonly memory = new MemoryWindowCounter();
  private readonly redis?: RedisWindowCounter;

  constructor(@Inject(rateLimitConfig.KEY) config: ConfigType<typeof rateLimitConfig>) {
    if (config.redisUrl) this.redis = new RedisWindowCounter(config.redisUrl);
  }

  async onModuleInit(): Promise<void> {
    await this.redis?.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.close();
  }

  /** Counts one request under `key` in its window of `windowMs`: in Redis while it answers, in this process otherwise. */
  async hit(key: string, windowMs: number): Promise<WindowCount> {
    return (await this.redis?.hit(key, windowMs)) ?? this.memory.hit(key, windowMs);
  }

  /** Whether the counters are where they should be: always for memory; for Redis, whether it answers a PING. */
  async ping(): Promise<RateLimitStoreStatus> {
    if (!this.redis) return { store: 'memory', up: true };
    return { store: 'redis', up: await this.redis.ping() };
  }
}
