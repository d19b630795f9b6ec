import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { hash } from 'node:crypto';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** How long a request waits for Redis before counting in memory instead. */
const COMMAND_TIMEOUT_MS = 250;
/** After a failed command, Redis is left alone this long (a hung server must not slow every request). */
const BACKOFF_MS = 5_000;
/** rate-limiter-flexible joins it to the key with a colon: `agora-token-service:rate-limit:<sha256>`. */
const KEY_PREFIX = 'agora-token-service:rate-limit';

/**
 * Fixed-window counters in Redis, shared by every replica: rate-limiter-flexible's RateLimiterRedis
 * (one atomic Lua script a request, so the count stays exact across replicas) over our ioredis client,
 * which auto-pipelines: the scripts of all requests counted in one event-loop turn share one round trip. The client never queues a command while
 * disconnected and gives up on one after 250 ms, so a Redis outage costs a request at most that once;
 * then {@link consume} answers `undefined` (the caller counts in memory) for the back-off, or until
 * ioredis has reconnected.
 *
 * Why not the library's insuranceLimiter: it falls back per command, with no back-off (a hung Redis
 * would cost every request 250 ms), and it hides both the error and whether a given call fell back,
 * which the one warning and the "answers again" line need. The fall-back itself is the caller's one line.
 */
export class RedisRateLimiter {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly limiter: RateLimiterRedis;
  private skipUntil = 0;
  private down = false;
  /** When the current outage was noticed (Date.now()). */
  private downSince = 0;

  constructor(url: string, points: number, durationSeconds: number) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 2_000,
      // ioredis otherwise keeps a closed socket's 2 s timer alive on shutdown.
      disconnectTimeout: 200,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      // Every request's script sent in one event-loop turn goes out in one write and comes back in one
      // read: one round trip for a burst instead of one each. Each command keeps its own 250 ms timeout.
      enableAutoPipelining: true,
    });
    // ioredis emits 'error' on every failed reconnect; the state change is what gets logged.
    this.redis.on('error', (error: Error) => this.markDown(error));
    this.redis.on('ready', () => this.markUp());
    this.limiter = new RateLimiterRedis({
      storeClient: this.redis,
      points,
      duration: durationSeconds,
      keyPrefix: KEY_PREFIX,
      // A second guard beside ours: never hand ioredis a command it cannot send now.
      rejectIfRedisNotReady: true,
    });
  }

  /** Connects, waiting at most the connect timeout; start-up goes on (counting in memory) if Redis is not there. */
  async connect(): Promise<void> {
    await this.redis.connect().catch((error: Error) => this.markDown(error));
  }

  /**
   * The caller's count in Redis, within the budget or over it, or undefined when Redis cannot answer
   * right now. The key is hashed, so that identities and addresses do not appear in Redis, and its
   * length is bounded.
   */
  async consume(key: string): Promise<RateLimiterRes | undefined> {
    const sentAt = Date.now();
    if (this.redis.status !== 'ready' || sentAt < this.skipUntil) return undefined;
    let count: RateLimiterRes;
    try {
      count = await answeredWithin(this.limiter.consume(hash('sha256', key, 'base64url')), COMMAND_TIMEOUT_MS);
    } catch (outcome) {
      // Over the budget is an answer (a RateLimiterRes); anything else is Redis failing.
      if (!(outcome instanceof RateLimiterRes)) return this.failed(outcome as Error);
      count = outcome;
    }
    // A hung Redis that answers again never reconnects, so no 'ready' says it is back: this does. Only a
    // command sent after the outage was noticed counts: a slow answer to an older one would end the back-off.
    if (this.down && sentAt > this.downSince) this.markUp();
    return count;
  }

  /** Whether Redis answers a PING now. */
  async ping(): Promise<boolean> {
    if (this.redis.status !== 'ready') return false;
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Closes the connection, or stops reconnecting when there is none. */
  async close(): Promise<void> {
    this.redis.removeAllListeners('error').on('error', () => undefined);
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }

  private failed(error: Error): undefined {
    this.skipUntil = Date.now() + BACKOFF_MS;
    this.markDown(error);
    return undefined;
  }

  private markDown(error: Error): void {
    if (this.down) return;
    this.down = true;
    this.downSince = Date.now();
    // The message names the address at most, never the password in REDIS_URL.
    this.logger.warn(
      `Redis is unreachable (${error.message}): rate limits are counted per instance until it answers again.`,
    );
  }

  private markUp(): void {
    if (this.down) this.logger.log('Redis answers again: rate limits are shared across instances.');
    this.down = false;
    this.skipUntil = 0;
  }
}

/**
 * The answer, or a rejection once `ms` have passed since the request asked. ioredis's commandTimeout starts when a
 * command is written, and with auto-pipelining a command waits for the pipeline in flight before it is written:
 * alone it would let a request wait for a hung Redis up to twice the timeout. A late answer is dropped.
 */
function answeredWithin<T>(answer: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Command timed out')), ms);
  });
  answer.catch(() => undefined);
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
