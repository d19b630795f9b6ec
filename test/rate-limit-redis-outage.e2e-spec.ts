import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Redis } from 'ioredis';
import { RateLimitStore } from '../src/auth/rate-limit/rate-limit.store.js';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { decodeToken } from './support/decode-token.js';
import { eventually } from './support/eventually.js';
import type { RedisServer } from './support/redis-server.js';
import { startRedisReplicas, type RedisReplicas } from './support/redis-replicas.js';
import { captureLogs } from './support/test-app.js';
import { TEST_APP_CERTIFICATE } from './support/test-credentials.js';

const LIMIT = 4;

/**
 * Redis that hangs (SIGSTOP: connections open, nothing answered) rather than
 * goes away: ioredis stays "ready", so only the command timeout and the
 * back-off keep token requests from waiting on it.
 */
describe('Rate limits while Redis hangs (e2e, real redis-server paused)', () => {
  const key = { id: 'backend', key: newApiKey() };
  const logs = captureLogs();
  let setUp: RedisReplicas;
  let redis: RedisServer;
  let client: Redis;
  let replicas: NestFastifyApplication[];

  beforeAll(async () => {
    setUp = await startRedisReplicas(
      { AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile([key]), RATE_LIMIT_PER_MINUTE: String(LIMIT) },
      // Nest's own messages (the rate limiter's) through pino into `logs`.
      { requestLogs: true, logger: undefined, logStream: logs.stream },
    );
    ({ redis, client, replicas } = setUp);
  });
  afterAll(() => setUp.close());

  const rtc = (app: NestFastifyApplication) =>
    app.inject({ method: 'POST', url: '/v1/rtc/token', payload: { channel: 'room' }, headers: { 'x-api-key': key.key } });
  const storeOf = (app: NestFastifyApplication) => app.get(RateLimitStore);

  it('keeps issuing tokens counted per replica while Redis hangs, and counts in Redis again after the back-off', async () => {
    const [first, second] = replicas;
    redis.pause();
    try {
      await expect(storeOf(first).ping()).resolves.toEqual({ store: 'redis', up: false });

      // Answered, with headers counted afresh in this replica's memory.
      const issued = [];
      for (let i = 0; i < LIMIT; i++) issued.push(await rtc(first));
      expect(issued.map((res) => res.statusCode)).toEqual([200, 200, 200, 200]);
      expect(issued.map((res) => res.headers['x-ratelimit-remaining'])).toEqual(['3', '2', '1', '0']);
      for (const res of issued) {
        expect(res.headers['x-ratelimit-limit']).toBe(String(LIMIT));
        expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(1);
      }
      const token = decodeToken(issued[0].json().token);
      expect(token.rtc).toMatchObject({ channel: 'room' });
      expect(token.verifies(TEST_APP_CERTIFICATE)).toBe(true);

      // The limit holds on each replica, on its own.
      const refused = await rtc(first);
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      const other = await rtc(second);
      expect(other.statusCode).toBe(200);
      expect(other.headers['x-ratelimit-remaining']).toBe('3');
    } finally {
      redis.resume();
    }

    // Redis now runs what it was sent while it hung, the timed-out hits too: a PING
    // on each replica's connection returns once those are done. Each replica had
    // sent one hit, then left Redis alone for the back-off.
    await eventually(async () => (await storeOf(first).ping()).up && (await storeOf(second).ping()).up);
    const [counter] = await client.keys('agora-token-service:rate-limit:*');
    expect(await client.get(counter)).toBe('2');

    // Once the back-off is over, the next request is counted in Redis again (this
    // replica's memory would refuse it), and its headers report the shared count.
    let back = await rtc(first);
    await eventually(async () => {
      if ((await client.get(counter)) !== '2') return true;
      back = await rtc(first);
      return false;
    });
    expect(await client.get(counter)).toBe('3');
    expect(back.statusCode).toBe(200);
    expect(back.headers['x-ratelimit-remaining']).toBe('1');

    // Each replica said it gave up on Redis; the one counting there again says so.
    const rateLimitLines = logs.lines.filter((line) => line.context === 'RateLimit').map((line) => line.msg);
    expect(rateLimitLines).toEqual([
      expect.stringContaining('Redis is unreachable'),
      expect.stringContaining('Redis is unreachable'),
      'Redis answers again: rate limits are shared across instances.',
    ]);
  });
});
