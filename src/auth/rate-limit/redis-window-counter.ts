import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { hash } from 'node:crypto';
import type { WindowCount } from './window-count.interface.js';

/**
 * One round trip, atomic: count the hit, open the window on the first one,
 * and report the time left (a key somehow left without expiry gets one).
 */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); left = tonumber(ARGV[1]) end
return {hits, left}
`;

/** How long a request waits for Redis before counting in memory instead. */
const COMMAND_TIMEOUT_MS = 250;
/** After a failed command, Redis is left alone this long (a hung server must not slow every request). */
const BACKOFF_MS = 5_000;
const KEY_PREFIX = 'agora-token-service:rate-limit:';

type RedisWithHit = Redis & { rateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

/**
 * Fixed-window counters in Redis, shared by every replica. It never queues a
 * command while disconnected and gives up on one after 250 ms, so a Redis
 * outage costs a request at most that once, then {@link hit} answers
 * `undefined` (the caller counts in memory) until Redis answers again;
 * ioredis keeps reconnecting in the background.
 */
export class RedisWindowCounter {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: RedisWithHit;
  private skipUntil = 0;
  private down = false;
  /** When the current outage was noticed (Date.now()). */
  private downSince = 0;

  constructor(url: string) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 2_000,
      // ioredis otherwise keeps a closed socket's 2 s timer alive on shutdown.
      disconnectTimeout: 200,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    }) as RedisWithHit;
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    // ioredis emits 'error' on every failed reconnect; the state change is what gets logged.
    this.redis.on('error', (error: Error) => this.markDown(error));
    this.redis.on('ready', () => this.markUp());
  }

  /** Connects, waiting at most the connect timeout; start-up goes on (counting in memory) if Redis is not there. */
  async connect(): Promise<void> {
    await this.redis.connect().catch((error: Error) => this.markDown(error));
  }

  /**
   * The count in Redis, or undefined when Redis cannot answer right now. The key is hashed, so that
   * identities and addresses do not appear in Redis.
   */
  async hit(key: string, windowMs: number): Promise<WindowCount | undefined> {
    const sentAt = Date.now();
    if (this.redis.status !== 'ready' || sentAt < this.skipUntil) return undefined;
    try {
      const [hits, msLeft] = await this.redis.rateLimitHit(KEY_PREFIX + hash('sha256', key, 'base64url'), windowMs);
      // A hung Redis that answers again never reconnects, so no 'ready' says it is back: this does. Only a
      // command sent after the outage was noticed counts: a slow answer to an older one would end the back-off.
      if (this.down && sentAt > this.downSince) this.markUp();
      return { hits, msLeft };
    } catch (error) {
      this.skipUntil = Date.now() + BACKOFF_MS;
      this.markDown(error as Error);
      return undefined;
    }
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
