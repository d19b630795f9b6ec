import { Logger, type LoggerService } from '@nestjs/common';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { eventually } from '../../../test/support/eventually.js';
import { RedisServer } from '../../../test/support/redis-server.js';
import { freePort } from '../../../test/support/spawn-service.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

const LIMIT = 3;

/** What the limiter logs, through Nest's public logger override. */
const warnings: string[] = [];
const recorder: LoggerService = { log: () => undefined, error: () => undefined, warn: (message: string) => void warnings.push(message) };

describe('RedisRateLimiter (real redis-server)', () => {
  let redis: RedisServer;
  let client: Redis;
  let limiter: RedisRateLimiter;

  beforeAll(async () => {
    Logger.overrideLogger(recorder);
    redis = await RedisServer.start();
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });
  beforeEach(async () => {
    warnings.length = 0;
    await client.flushall();
    limiter = new RedisRateLimiter(redis.url, LIMIT, 60);
    await limiter.connect();
  });
  afterEach(() => limiter.close());

  it('keeps one counter per caller under the SHA-256 of its key, never the key itself, in a window opened by its first hit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (key) => {
        await client.flushall();
        expect((await limiter.consume(key))?.consumedPoints).toBe(1);
        expect((await limiter.consume(key))?.consumedPoints).toBe(2);

        const digest = createHash('sha256').update(key).digest('base64url');
        expect(await client.keys('*')).toEqual([`agora-token-service:rate-limit:${digest}`]);
        expect(await client.get(`agora-token-service:rate-limit:${digest}`)).toBe('2');
        const ttl = await client.pttl(`agora-token-service:rate-limit:${digest}`);
        expect(ttl).toBeGreaterThan(50_000);
        expect(ttl).toBeLessThanOrEqual(60_000);
      }),
      { numRuns: 25 },
    );
  });

  it('answers over the budget with the shared count, not an error', async () => {
    for (let i = 0; i < LIMIT; i++) await limiter.consume('backend');
    const over = await limiter.consume('backend');
    expect(over).toMatchObject({ consumedPoints: LIMIT + 1, remainingPoints: 0 });
    expect(over!.msBeforeNext).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });

  it('gives up on a hung Redis, then leaves it alone (one command sent), with one warning', async () => {
    redis.pause();
    try {
      // Each answers undefined (count in memory) rather than waiting on Redis.
      for (let i = 0; i < 3; i++) expect(await limiter.consume('backend')).toBeUndefined();
    } finally {
      redis.resume();
    }
    await eventually(() => limiter.ping());
    expect(await client.get((await client.keys('agora-token-service:rate-limit:*'))[0])).toBe('1');
    expect(warnings).toEqual([
      'Redis is unreachable (Command timed out): rate limits are counted per instance until it answers again.',
    ]);
  });

  it('gives up on a hung Redis within the 250 ms timeout even for a request that queued behind one in flight', async () => {
    redis.pause();
    try {
      const first = limiter.consume('backend');
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Auto-pipelining writes this one only when the pipeline in flight ends: ioredis's own timeout starts then.
      const askedAt = performance.now();
      expect(await limiter.consume('frontend')).toBeUndefined();
      const waited = performance.now() - askedAt;
      expect(await first).toBeUndefined();
      // 250 ms and a timer's lateness on a busy machine; without its own deadline it waited about 400 ms.
      expect(waited).toBeLessThan(370);
    } finally {
      redis.resume();
    }
  });

  it('starts without Redis, reporting it down and counting nothing there', async () => {
    const absent = new RedisRateLimiter(`redis://127.0.0.1:${await freePort()}`, LIMIT, 60);
    try {
      await absent.connect();
      expect(await absent.consume('backend')).toBeUndefined();
      expect(await absent.ping()).toBe(false);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^Redis is unreachable \(.*ECONNREFUSED.*\): rate limits are counted per instance/);
    } finally {
      await absent.close();
    }
  });
});
