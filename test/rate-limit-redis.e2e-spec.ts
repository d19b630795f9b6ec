import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Redis } from 'ioredis';
import { RateLimitStore } from '../src/auth/rate-limit/rate-limit.store.js';
import { newApiKey, writeApiKeysFile } from './support/api-keys.js';
import { eventually } from './support/eventually.js';
import type { RedisServer } from './support/redis-server.js';
import { startRedisReplicas, type RedisReplicas } from './support/redis-replicas.js';
import { freePort } from './support/spawn-service.js';
import { createTestApp } from './support/test-app.js';

const LIMIT = 4;

describe('Rate limits shared through Redis (e2e, real redis-server)', () => {
  const key = { id: 'backend', key: newApiKey() };
  let setUp: RedisReplicas;
  let redis: RedisServer;
  let client: Redis;
  let replicas: NestFastifyApplication[];

  beforeAll(async () => {
    setUp = await startRedisReplicas({ AUTH_MODE: 'apikey', API_KEYS_FILE: writeApiKeysFile([key]), RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    ({ redis, client, replicas } = setUp);
  });
  afterAll(() => setUp.close());

  beforeEach(() => client.flushall());

  const rtc = (app: NestFastifyApplication) =>
    app.inject({ method: 'POST', url: '/v1/rtc/token', payload: { channel: 'room' }, headers: { 'x-api-key': key.key } });

  it('holds one limit across two app instances', async () => {
    const statuses = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await rtc(replicas[i % 2])).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200]);

    const refused = [await rtc(replicas[0]), await rtc(replicas[1])];
    expect(refused.map((res) => res.statusCode)).toEqual([429, 429]);
    expect(Number(refused[1].headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('keeps one hashed counter per caller in Redis, expiring with its window', async () => {
    await rtc(replicas[0]);
    await rtc(replicas[1]);

    const keys = await client.keys('agora-token-service:rate-limit:*');
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('backend');
    expect(await client.get(keys[0])).toBe('2');
    const ttl = await client.pttl(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('reports Redis as up, for readiness', async () => {
    await expect(replicas[0].get(RateLimitStore).ping()).resolves.toEqual({ store: 'redis', up: true });
  });

  it('fails open to per-instance counters while Redis is down, and shares again once it is back', async () => {
    await redis.stop();
    const [first, second] = replicas;
    const store = first.get(RateLimitStore);
    await eventually(async () => !(await store.ping()).up);
    await expect(store.ping()).resolves.toEqual({ store: 'redis', up: false });

    // Tokens are still issued, and each instance still enforces the limit on its own.
    for (let i = 0; i < LIMIT; i++) expect((await rtc(first)).statusCode).toBe(200);
    expect((await rtc(first)).statusCode).toBe(429);
    expect((await rtc(second)).statusCode).toBe(200);

    await redis.restart();
    await eventually(async () => (await store.ping()).up && (await second.get(RateLimitStore).ping()).up);
    await eventually(async () => (await rtc(first)).statusCode === 200 && (await client.dbsize()) > 0);
  });

  it('starts without Redis, counting in memory meanwhile', async () => {
    const port = await freePort();
    const app = await createTestApp({
      AUTH_MODE: 'apikey',
      API_KEYS_FILE: writeApiKeysFile([key]),
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    try {
      await expect(app.get(RateLimitStore).ping()).resolves.toEqual({ store: 'redis', up: false });
      for (let i = 0; i < LIMIT; i++) expect((await rtc(app)).statusCode).toBe(200);
      expect((await rtc(app)).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});
